package io.tiersim.simulator.memory;

/** The two phases of generation, whose memory peaks differ. */
public enum Phase {
  PREFILL,
  DECODE;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
