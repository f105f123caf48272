package io.tiersim.simulator.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.model.scenario.RateSearchConfig;
import io.tiersim.model.scenario.SloConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The highest request rate a strategy serves within its SLOs: a rate passes when the run is
 * sustained and at least the SLO's attainment of requests meet it. Bisection on the logarithm of
 * the rate between the search's bounds (each probe replays the same requests, time-scaled), until
 * the bracket is within the relative tolerance; a bound that already passes or an lower bound that
 * fails is reported as such rather than searched past.
 */
public final class RateSearch {
  private RateSearch() {}

  /** One probe of the search. */
  @JsonPropertyOrder({"rate_per_s", "slo_attainment", "sustained", "passed"})
  public record Probe(double ratePerS, double sloAttainment, boolean sustained, boolean passed) {}

  /**
   * @param ratePerS the highest passing rate found (null when none passes)
   * @param failingRatePerS the lowest failing rate found (null when the upper bound passes)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"rate_per_s", "failing_rate_per_s", "verdict", "probes"})
  public record Result(Double ratePerS, Double failingRatePerS, String verdict, List<Probe> probes) {}

  public static Result search(ServingSimulator sim, Requests base, SloConfig slo, RateSearchConfig cfg, int maxSequences,
      ServingProgress progress) {
    List<Probe> probes = new ArrayList<>();
    int maxProbes = 2 + (int) Math.ceil(Math.log(Math.log(cfg.maxRatePerS() / cfg.minRatePerS())
        / Math.log1p(cfg.relativeTolerance())) / Math.log(2)) + 1;
    long total = (long) maxProbes * base.size();
    Probe hi = probe(sim, base, slo, cfg.maxRatePerS(), maxSequences, progress, probes, total);
    if (hi.passed()) {
      return new Result(hi.ratePerS(), null, String.format(Locale.ROOT,
          "meets the SLOs at the search's upper bound, %.4g requests/s; raise max_rate_per_s to look further", hi.ratePerS()), probes);
    }
    Probe lo = probe(sim, base, slo, cfg.minRatePerS(), maxSequences, progress, probes, total);
    if (!lo.passed()) {
      return new Result(null, lo.ratePerS(), String.format(Locale.ROOT,
          "misses the SLOs even at the search's lower bound, %.4g requests/s", lo.ratePerS()), probes);
    }
    double good = lo.ratePerS();
    double bad = hi.ratePerS();
    while (bad / good > 1 + cfg.relativeTolerance()) {
      double mid = Math.sqrt(good * bad);
      Probe p = probe(sim, base, slo, mid, maxSequences, progress, probes, total);
      if (p.passed()) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return new Result(good, bad, String.format(Locale.ROOT,
        "meets the SLOs up to %.4g requests/s (fails at %.4g)", good, bad), probes);
  }

  private static Probe probe(ServingSimulator sim, Requests base, SloConfig slo, double rate, int maxSequences,
      ServingProgress progress, List<Probe> probes, long total) {
    long before = (long) probes.size() * base.size();
    ServingRun run = sim.run(base.atRate(rate), (d, n) -> progress.update(before + d, total), null);
    ServingResult r = ServingMetrics.summarize(run, slo, maxSequences);
    boolean passed = r.sustained() && r.sloAttainment() != null && r.sloAttainment() >= slo.attainment();
    Probe p = new Probe(rate, r.sloAttainment() == null ? 0 : r.sloAttainment(), r.sustained(), passed);
    probes.add(p);
    return p;
  }
}
