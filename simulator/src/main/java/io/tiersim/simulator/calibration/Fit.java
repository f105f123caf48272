package io.tiersim.simulator.calibration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A curve fitted to measured points, with what a report needs to judge it: the residual at every
 * point used, their RMS and largest relative error, and each parameter's confidence interval.
 * {@code degenerate} says the data could not identify every parameter, so at least one came from a
 * documented prior; with no points at all the curve is the prior and the errors are NaN. Points of
 * unknown size are compared with the asymptote taken from the best of them, so a large error
 * there says the point measured something slower (a decode GEMM, a NUMA-remote buffer).
 *
 * @param name what was fitted, e.g. {@code host-to-device} or {@code gemm-bf16}
 * @param points how many measured points the fit used (the size of {@code residuals})
 * @param parameters by name (e.g. {@code latencyS}, {@code peakBytesPerS}), in a stable order
 */
public record Fit<T>(
    String name,
    T curve,
    List<Residual> residuals,
    double rmsRelativeError,
    double maxRelativeError,
    int points,
    boolean degenerate,
    Map<String, ConfidenceInterval> parameters) {

  public Fit {
    if (name == null || name.isBlank() || curve == null) {
      throw new IllegalArgumentException("name and curve: expected both");
    }
    residuals = List.copyOf(residuals);
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if (points != residuals.size()) {
      throw new IllegalArgumentException("points: " + points + " but " + residuals.size() + " residuals");
    }
  }

  /** Builds a fit whose error summary is computed from its residuals. */
  static <T> Fit<T> of(String name, T curve, List<Residual> residuals, boolean degenerate,
      Map<String, ConfidenceInterval> parameters) {
    double sumSquares = 0;
    double max = residuals.isEmpty() ? Double.NaN : 0;
    for (Residual r : residuals) {
      sumSquares += r.relativeError() * r.relativeError();
      max = Math.max(max, Math.abs(r.relativeError()));
    }
    double rms = residuals.isEmpty() ? Double.NaN : Math.sqrt(sumSquares / residuals.size());
    return new Fit<>(name, curve, residuals, rms, max, residuals.size(), degenerate, parameters);
  }

  public ConfidenceInterval parameter(String parameterName) {
    ConfidenceInterval p = parameters.get(parameterName);
    if (p == null) {
      throw new IllegalArgumentException("parameter: '" + parameterName + "' is not one of " + parameters.keySet());
    }
    return p;
  }
}
