package io.tiersim.simulator.sweep;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;

/**
 * What every written row must satisfy, checked as the finished rows are read back (a failure is a
 * bug, not bad input). Fit agrees with the capacity search, which bisects the same accountant: a
 * batch fits exactly when it is at most the largest batch that fits, and so for prompts. Times
 * add up; throughputs are tokens over those times; demand is met by whole systems.
 */
public final class SweepInvariants {
  /** Relative slack for quantities rounded to six significant digits before they are compared. */
  static final double ROUNDING = 2e-5;

  private SweepInvariants() {}

  /** The broken invariants of one row, empty when it keeps them all. */
  public static List<String> violations(CSVRecord r) {
    List<String> v = new ArrayList<>();
    PointRow p = PointRow.of(r);
    long batch = p.batchSize();
    check(v, p.fits() == (batch <= p.maxBatchSize()), "fits agrees with max_batch_size");
    check(v, (p.fits() && p.withinModelWindow()) == (p.promptTokens() <= p.maxPromptTokens()),
        "fits within the window agrees with max_prompt_tokens");
    check(v, p.contextTokens() == p.promptTokens() + p.generateTokens(), "context is prompt plus generated");
    long peaks = 0;
    for (String tier : new String[] {"gpu", "cpu", "disk", "csd"}) {
      long b = Long.parseLong(r.get(tier + "_peak_bytes"));
      check(v, b >= 0, tier + " peak is not negative");
      peaks += b;
    }
    check(v, Long.parseLong(r.get("kv_cache_bytes")) + Long.parseLong(r.get("weights_bytes")) <= peaks,
        "KV cache and weights are within the peaks");
    double prefill = Double.parseDouble(r.get("prefill_s"));
    double decode = Double.parseDouble(r.get("decode_s"));
    check(v, prefill > 0 && decode >= 0, "times are positive");
    check(v, close(p.ttftS(), prefill), "TTFT is the prefill time");
    check(v, close(p.generationTokensPerS(), batch * (double) p.generateTokens() / (prefill + decode)),
        "generation throughput is generated tokens over prefill plus decode");
    check(v, (p.tpotS() == null) == (p.generateTokens() == 1), "TPOT exists when more than one token is generated");
    check(v, !p.meetsSlo() || p.servable(), "a point that meets the SLOs fits within the window");
    check(v, p.qualityLossPct() == null || p.qualityLossPct() >= 0, "quality loss is not negative");
    boolean demand = p.requestRatePerS() != null && p.meetsSlo();
    check(v, demand == (p.replicasNeeded() != null), "replicas exactly for a demand that the point can serve");
    if (demand) {
      double perReplica = Double.parseDouble(r.get("requests_per_s_per_replica"));
      check(v, p.replicasNeeded() * perReplica >= p.requestRatePerS() * (1 - 2 * ROUNDING), "replicas serve the demand");
      check(v, (p.replicasNeeded() - 1) * perReplica < p.requestRatePerS() * (1 + 2 * ROUNDING), "no replica is spare");
      check(v, p.gpusNeeded() == p.replicasNeeded() * p.gpus(), "GPUs are replicas times GPUs per system");
    }
    return v;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= ROUNDING * Math.max(Math.abs(a), Math.abs(b));
  }

  private static void check(List<String> v, boolean ok, String rule) {
    if (!ok) {
      v.add(rule);
    }
  }
}
