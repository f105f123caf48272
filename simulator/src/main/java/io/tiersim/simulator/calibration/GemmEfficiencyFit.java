package io.tiersim.simulator.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link GemmEfficiencyCurve} to GEMMs measured at several shapes (work in MACs, achieved
 * fraction of peak), by least squares in the relative error of the GEMM time (see
 * {@link SaturationFit}). With one shape, the usual 8192^3, the fixed time per GEMM comes from a
 * prior and only {@code effMax} is fitted; the fit is then degenerate.
 */
public final class GemmEfficiencyFit {
  public static final String EFF_MAX = "effMax";
  public static final String HALF_WORK_MACS = "halfWorkMacs";

  private GemmEfficiencyFit() {}

  /**
   * As {@link #fit(String, List, double, double, double)}, with the fixed time's range kept: when
   * the samples cannot identify the half-work (one shape), it spans the half-work that range sets.
   */
  public static Fit<GemmEfficiencyCurve> fit(String name, List<Sample> samples, ConfidenceInterval fixedTimePrior,
      double peakFlopsPerS, double effMaxPrior) {
    Fit<GemmEfficiencyCurve> f = fit(name, samples, fixedTimePrior.value(), peakFlopsPerS, effMaxPrior);
    ConfidenceInterval half = f.parameter(HALF_WORK_MACS);
    if (half.estimated() || !fixedTimePrior.bounded() || f.points() == 0) {
      return f;
    }
    double perSecond = f.curve().effMax() * peakFlopsPerS / 2;
    ConfidenceInterval ranged = ConfidenceInterval.priorRange(half.value(),
        Math.min(half.value(), fixedTimePrior.low() * perSecond), Math.max(half.value(), fixedTimePrior.high() * perSecond));
    return new Fit<>(f.name(), f.curve(), f.residuals(), f.rmsRelativeError(), f.maxRelativeError(), f.points(),
        f.degenerate(), parameters(f.parameter(EFF_MAX), ranged));
  }

  /**
   * @param samples work m*n*k (or unknown) and achieved FLOP/s over the peak
   * @param fixedTimePriorS the per-GEMM fixed cost to assume when one shape cannot identify it
   * @param peakFlopsPerS the dense tensor-core peak the fractions refer to
   * @param effMaxPrior the asymptote when there are no samples at all
   */
  public static Fit<GemmEfficiencyCurve> fit(String name, List<Sample> samples, double fixedTimePriorS,
      double peakFlopsPerS, double effMaxPrior) {
    // alpha = halfWork / effMax = fixed time * peak / 2, whatever effMax is.
    double alphaPrior = fixedTimePriorS * peakFlopsPerS / 2;
    return SaturationFit.estimate(samples, alphaPrior)
        .map(e -> fromEstimate(name, e))
        .orElseGet(() -> prior(name, GemmEfficiencyCurve.withFixedTime(effMaxPrior, fixedTimePriorS, peakFlopsPerS)));
  }

  /** A curve from priors alone: no points, degenerate, nothing estimated. */
  public static Fit<GemmEfficiencyCurve> prior(String name, GemmEfficiencyCurve curve) {
    return prior(name, ConfidenceInterval.notEstimated(curve.effMax()),
        ConfidenceInterval.notEstimated(curve.halfWorkMacs()));
  }

  /** A curve from priors alone, each parameter with the range its sources span (or none). */
  public static Fit<GemmEfficiencyCurve> prior(String name, ConfidenceInterval effMax, ConfidenceInterval halfWorkMacs) {
    return Fit.of(name, new GemmEfficiencyCurve(effMax.value(), halfWorkMacs.value()), List.of(), true,
        parameters(effMax, halfWorkMacs));
  }

  private static Fit<GemmEfficiencyCurve> fromEstimate(String name, SaturationFit.Estimate e) {
    double t = e.tQuantile();
    double alpha = e.alpha();
    double beta = e.beta();
    ConfidenceInterval effMax = ConfidenceInterval.reciprocal(beta, Math.sqrt(e.varianceBeta()), t);
    // halfWork = alpha / beta; delta method, with alpha's terms absent when it was a prior.
    double varAlpha = Double.isNaN(e.varianceAlpha()) ? 0 : e.varianceAlpha();
    double cov = Double.isNaN(e.covariance()) ? 0 : e.covariance();
    double varHalf = varAlpha / (beta * beta) + alpha * alpha * e.varianceBeta() / Math.pow(beta, 4)
        - 2 * alpha * cov / Math.pow(beta, 3);
    ConfidenceInterval halfWork = ConfidenceInterval.symmetric(alpha / beta, Math.sqrt(varHalf), t);
    return Fit.of(name, new GemmEfficiencyCurve(1 / beta, alpha / beta), e.residuals(), e.degenerate(),
        parameters(effMax, halfWork));
  }

  private static Map<String, ConfidenceInterval> parameters(ConfidenceInterval effMax, ConfidenceInterval halfWork) {
    Map<String, ConfidenceInterval> map = new LinkedHashMap<>();
    map.put(EFF_MAX, effMax);
    map.put(HALF_WORK_MACS, halfWork);
    return map;
  }
}
