package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;

/**
 * The search for the highest request rate that meets the SLOs: bisection between {@code
 * min_rate_per_s} and {@code max_rate_per_s} until the bracket is narrower than {@code
 * relative_tolerance} of its upper end, each probe with {@code requests} requests (default: the
 * arrival's count).
 */
public record RateSearchConfig(Double minRatePerS, Double maxRatePerS, Double relativeTolerance, Integer requests) {
  public RateSearchConfig {
    minRatePerS = Require.positive(minRatePerS == null ? 0.01 : minRatePerS, "min_rate_per_s");
    maxRatePerS = Require.positive(maxRatePerS == null ? 1000 : maxRatePerS, "max_rate_per_s");
    if (maxRatePerS <= minRatePerS) {
      throw new IllegalArgumentException("max_rate_per_s: expected more than min_rate_per_s (" + minRatePerS
          + "), got " + maxRatePerS);
    }
    relativeTolerance = Require.positive(relativeTolerance == null ? 0.02 : relativeTolerance, "relative_tolerance");
    if (requests != null) {
      Require.positive(requests, "requests");
    }
  }

  public static RateSearchConfig defaults() {
    return new RateSearchConfig(null, null, null, null);
  }
}
