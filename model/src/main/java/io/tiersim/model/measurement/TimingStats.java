package io.tiersim.model.measurement;

/** Seconds of repeated runs of one end-to-end step or prefill: median, spread and count. */
public record TimingStats(Double median, Double p10, Double p90, Double iqr, Integer samples) {
  public TimingStats {
    Checks.check(median, p10, p90, iqr, samples);
  }
}
