package io.tiersim.simulator.sweep;

import io.tiersim.model.io.Require;

/**
 * Service-level objectives a point must meet to count as serving its demand: time to first token
 * (the batch's prefill) and time per output token after it. Either may be absent (no limit).
 */
public record Slo(Double ttftS, Double tpotS) {
  public static final Slo NONE = new Slo(null, null);

  public Slo {
    if (ttftS != null) {
      Require.positive(ttftS, "ttft_s");
    }
    if (tpotS != null) {
      Require.positive(tpotS, "tpot_s");
    }
  }

  /** Whether a run with these times meets both objectives; a null TPOT (one generated token) meets any. */
  public boolean met(double ttft, Double tpot) {
    return (ttftS == null || ttft <= ttftS) && (tpotS == null || tpot == null || tpot <= tpotS);
  }
}
