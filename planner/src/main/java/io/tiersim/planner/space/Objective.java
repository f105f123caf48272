package io.tiersim.planner.space;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the planner optimises: generation throughput (FlexGen's definition) or time per output token. */
public enum Objective {
  /** Generated tokens of the whole batch over the run's seconds, prefill included. */
  @JsonProperty("throughput") THROUGHPUT,
  /** Decode seconds per generated token (lower is better). */
  @JsonProperty("tpot") TPOT;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
