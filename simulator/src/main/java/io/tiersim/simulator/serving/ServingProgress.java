package io.tiersim.simulator.serving;

/** Told how far a long serving run (or rate search) has got; the CLI draws a progress bar from it. */
@FunctionalInterface
public interface ServingProgress {
  ServingProgress NONE = (done, total) -> { };

  /** {@code done} of {@code total} requests finished (or rejected). */
  void update(long done, long total);
}
