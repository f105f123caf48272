package io.tiersim.simulator.memory;

import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import java.util.function.LongPredicate;

/**
 * The largest batch and the longest prompt that fit, by bisection on the memory accountant (which
 * is monotone in both: more sequences or tokens never need fewer bytes).
 */
public final class CapacitySearch {
  /** Search ceiling: beyond this a capacity is reported as unbounded. */
  static final long MAX_BATCH = 1L << 20;
  static final long MAX_TOKENS = 1L << 30;

  private final MemoryAccountant accountant;

  public CapacitySearch(MemoryAccountant accountant) {
    this.accountant = accountant;
  }

  /** Largest batch with the workload's lengths that fits, or 0 when not even one sequence does. */
  public long maxBatch(Strategy s, Workload w) {
    return largest(MAX_BATCH, b -> accountant.account(s, w.withBatchSize((int) b)).fits());
  }

  /**
   * Longest prompt, with the workload's batch and generated tokens, that fits in memory and in the
   * model's context window ({@code max_position_embeddings} less the generated tokens); 0 when
   * none does.
   */
  public long maxPromptTokens(Strategy s, Workload w) {
    return largest(promptCeiling(w), p -> accountant.account(s, w.withPromptTokens((int) p)).fits());
  }

  /** The longest prompt the model's context window allows with the workload's generated tokens. */
  public long promptCeiling(Workload w) {
    return Math.max(0, Math.min(MAX_TOKENS, (long) accountant.model().maxPositionEmbeddings() - w.generateTokens()));
  }

  /** Largest n in [1, ceiling] with fits(n), assuming fits is monotone decreasing; 0 if fits(1) fails. */
  static long largest(long ceiling, LongPredicate fits) {
    if (ceiling < 1 || !fits.test(1)) {
      return 0;
    }
    long lo = 1;
    long hi = 2;
    while (hi <= ceiling && fits.test(hi)) {
      lo = hi;
      hi *= 2;
    }
    if (hi > ceiling) {
      if (fits.test(ceiling)) {
        return ceiling;
      }
      hi = ceiling;
    }
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (fits.test(mid)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
