package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;

/**
 * Latency objectives: a request meets them when its time to first token and its time per output
 * token (and end-to-end latency, when set) are within bounds. Goodput counts requests that meet
 * them (DistServe, Zhong et al., OSDI 2024); a rate is sustained when at least {@code attainment}
 * of the requests meet them (DistServe's 90 %).
 */
public record SloConfig(Double ttftS, Double tpotS, Double e2eS, Double attainment) {
  public SloConfig {
    if (ttftS == null && tpotS == null && e2eS == null) {
      throw new IllegalArgumentException("ttft_s: an SLO needs at least one of ttft_s, tpot_s, e2e_s");
    }
    if (ttftS != null) {
      Require.positive(ttftS, "ttft_s");
    }
    if (tpotS != null) {
      Require.positive(tpotS, "tpot_s");
    }
    if (e2eS != null) {
      Require.positive(e2eS, "e2e_s");
    }
    attainment = Require.fraction(attainment == null ? 0.9 : attainment, "attainment");
  }

  public boolean met(double ttft, double tpot, double e2e) {
    return (ttftS == null || ttft <= ttftS) && (tpotS == null || tpot <= tpotS) && (e2eS == null || e2e <= e2eS);
  }
}
