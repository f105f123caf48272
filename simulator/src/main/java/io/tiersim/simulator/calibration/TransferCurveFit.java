package io.tiersim.simulator.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits a {@link TransferCurve} to achieved bandwidths measured at several sizes, by least squares
 * in the relative error of the transfer time (see {@link SaturationFit} for the method). With one
 * size, or data the model cannot follow (bandwidth falling with size gives a negative latency),
 * the latency is the caller's prior and only the peak is fitted; the fit is then degenerate.
 */
public final class TransferCurveFit {
  public static final String LATENCY_S = "latencyS";
  public static final String PEAK_BYTES_PER_S = "peakBytesPerS";

  private TransferCurveFit() {}

  /**
   * @param samples size in bytes (or unknown) and achieved bytes/s
   * @param latencyPriorS the latency to use when the data cannot identify it, e.g. the link's spec
   * @param fallback the curve when there are no samples at all
   */
  public static Fit<TransferCurve> fit(String name, List<Sample> samples, double latencyPriorS,
      TransferCurve fallback) {
    return SaturationFit.estimate(samples, latencyPriorS)
        .map(e -> fromEstimate(name, e))
        .orElseGet(() -> prior(name, fallback));
  }

  /** A curve from priors alone: no points, degenerate, nothing estimated. */
  public static Fit<TransferCurve> prior(String name, TransferCurve curve) {
    return prior(name, ConfidenceInterval.notEstimated(curve.latencyS()),
        ConfidenceInterval.notEstimated(curve.peakBytesPerS()));
  }

  /** A curve from priors alone, each parameter with the range its sources span (or none). */
  public static Fit<TransferCurve> prior(String name, ConfidenceInterval latencyS, ConfidenceInterval peakBytesPerS) {
    return Fit.of(name, new TransferCurve(latencyS.value(), peakBytesPerS.value()), List.of(), true,
        parameters(latencyS, peakBytesPerS));
  }

  /**
   * As {@link #fit(String, List, double, TransferCurve)}, with priors that keep their ranges: the
   * latency's when the samples cannot identify it, and a whole prior fit when there are none.
   */
  public static Fit<TransferCurve> fit(String name, List<Sample> samples, ConfidenceInterval latencyPrior,
      Fit<TransferCurve> fallback) {
    return SaturationFit.estimate(samples, latencyPrior.value())
        .map(e -> {
          Fit<TransferCurve> f = fromEstimate(name, e);
          if (f.parameter(LATENCY_S).estimated()) {
            return f;
          }
          return new Fit<>(f.name(), f.curve(), f.residuals(), f.rmsRelativeError(), f.maxRelativeError(), f.points(),
              f.degenerate(), parameters(latencyPrior, f.parameter(PEAK_BYTES_PER_S)));
        })
        .orElse(fallback);
  }

  private static Fit<TransferCurve> fromEstimate(String name, SaturationFit.Estimate e) {
    double t = e.tQuantile();
    ConfidenceInterval latency = ConfidenceInterval.symmetric(e.alpha(), Math.sqrt(e.varianceAlpha()), t);
    ConfidenceInterval peak = ConfidenceInterval.reciprocal(e.beta(), Math.sqrt(e.varianceBeta()), t);
    return Fit.of(name, new TransferCurve(e.alpha(), 1 / e.beta()), e.residuals(), e.degenerate(),
        parameters(latency, peak));
  }

  private static Map<String, ConfidenceInterval> parameters(ConfidenceInterval latency, ConfidenceInterval peak) {
    Map<String, ConfidenceInterval> map = new LinkedHashMap<>();
    map.put(LATENCY_S, latency);
    map.put(PEAK_BYTES_PER_S, peak);
    return map;
  }
}
