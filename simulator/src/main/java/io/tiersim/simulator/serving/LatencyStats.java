package io.tiersim.simulator.serving;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;

/** Mean and nearest-rank percentiles of one latency over the requests that have it; NaN-free (null when none). */
@JsonPropertyOrder({"mean", "p50", "p90", "p99", "max"})
public record LatencyStats(double mean, double p50, double p90, double p99, double max) {

  /** Summarises the first {@code count} values (sorted in place). */
  static LatencyStats of(double[] values, int count) {
    if (count == 0) {
      return null;
    }
    Arrays.sort(values, 0, count);
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += values[i];
    }
    return new LatencyStats(sum / count, rank(values, count, 0.50), rank(values, count, 0.90), rank(values, count, 0.99),
        values[count - 1]);
  }

  private static double rank(double[] sorted, int count, double q) {
    int i = (int) Math.ceil(q * count) - 1;
    return sorted[Math.max(0, Math.min(count - 1, i))];
  }
}
