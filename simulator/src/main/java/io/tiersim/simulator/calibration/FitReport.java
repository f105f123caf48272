package io.tiersim.simulator.calibration;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.SystemProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a calibration says about each curve: the points it used, its parameters in readable units
 * with their 95 % confidence intervals, and the RMS and largest relative residual. The curves the
 * cost model uses come first, then the ones only recorded for now.
 *
 * @param lines the cost model's curves, in {@link CalibratedEfficiency#fits()} order
 * @param recorded curves of {@link ProfileCalibration#supplementaryFits}
 */
public record FitReport(String title, List<Line> lines, List<Line> recorded) {

  public FitReport {
    lines = List.copyOf(lines);
    recorded = List.copyOf(recorded);
  }

  /**
   * One fitted curve.
   *
   * @param excluded measured points the fit left out (memory-bound GEMMs)
   * @param rmsRelativeError NaN when the curve came from priors alone
   */
  public record Line(String fit, int points, int excluded, boolean degenerate, List<Parameter> parameters,
      double rmsRelativeError, double maxRelativeError) {

    public Line {
      parameters = List.copyOf(parameters);
    }

    static Line of(Fit<?> fit, int excluded) {
      List<Parameter> ps = new ArrayList<>();
      for (Map.Entry<String, ConfidenceInterval> e : fit.parameters().entrySet()) {
        ps.add(Parameter.of(e.getKey(), e.getValue()));
      }
      return new Line(fit.name(), fit.points(), excluded, fit.degenerate(), ps, fit.rmsRelativeError(),
          fit.maxRelativeError());
    }
  }

  /**
   * A parameter in display units ({@code us}, {@code GB/s}, {@code GMAC} or a bare fraction);
   * {@code low} and {@code high} are its 95 % confidence interval, or with {@code prior} the range
   * a prior's sources span, and NaN when neither gives bounds.
   */
  public record Parameter(String name, String unit, double value, double low, double high, boolean prior) {
    static Parameter of(String name, ConfidenceInterval ci) {
      double scale;
      String label;
      String unit;
      switch (name) {
        case TransferCurveFit.LATENCY_S -> { label = "latency"; unit = "us"; scale = 1e6; }
        case HostDispatchFit.SECONDS_PER_DISPATCH -> { label = "per launch"; unit = "us"; scale = 1e6; }
        case TransferCurveFit.PEAK_BYTES_PER_S -> { label = "peak"; unit = "GB/s"; scale = 1e-9; }
        case GemmEfficiencyFit.HALF_WORK_MACS -> { label = "half-work"; unit = "GMAC"; scale = 1e-9; }
        default -> { label = name; unit = ""; scale = 1; }
      }
      return new Parameter(label, unit, ci.value() * scale, ci.low() * scale, ci.high() * scale,
          !ci.estimated() && ci.bounded());
    }

    /** Whether the data estimated it (a confidence interval), rather than a prior. */
    public boolean estimated() {
      return !prior && !Double.isNaN(low);
    }

    String render() {
      String v = number(value) + (unit.isEmpty() ? "" : " " + unit);
      String bounds = Double.isNaN(low) ? "" : " " + (prior ? "prior " : "") + "[" + number(low) + ", " + number(high) + "]";
      return name + " " + v + bounds;
    }
  }

  /** The report on a calibrated profile: every curve of {@code efficiency} and the recorded ones. */
  public static FitReport of(String title, SystemProfile profile, CalibratedEfficiency efficiency,
      List<Fit<TransferCurve>> recorded) {
    List<Line> lines = new ArrayList<>();
    for (Fit<?> fit : efficiency.fits()) {
      lines.add(Line.of(fit, excludedGemmPoints(profile, fit.name())));
    }
    return new FitReport(title, lines, recorded.stream().map(f -> Line.of(f, 0)).toList());
  }

  /** GEMM points the fit could have used that the roofline called memory-bound. */
  private static int excludedGemmPoints(SystemProfile profile, String fitName) {
    if (!fitName.startsWith("gemm-")) {
      return 0;
    }
    return ProfileCalibration.memoryBoundGemmPoints(profile, DataType.fromKey(fitName.substring("gemm-".length())));
  }

  /** A fixed-width table; a curve from priors alone says so instead of showing residuals. */
  public String render() {
    StringBuilder sb = new StringBuilder(title).append("\n\n");
    sb.append(String.format(Locale.ROOT, "%-24s %6s %8s %8s  %s%n", "curve", "points", "rms", "max",
        "parameters [95 % confidence interval]"));
    lines.forEach(l -> sb.append(row(l)));
    if (!recorded.isEmpty()) {
      sb.append("\nrecorded, not yet priced by the cost model:\n");
      recorded.forEach(l -> sb.append(row(l)));
    }
    return sb.toString();
  }

  private static String row(Line l) {
    String points = Integer.toString(l.points());
    String params = String.join("; ", l.parameters().stream().map(Parameter::render).toList());
    String note = l.points() == 0 ? "  (prior: no points)" : l.degenerate() ? "  (partly from priors)" : "";
    if (l.excluded() > 0) {
      note += "  (+" + l.excluded() + " memory-bound points left out of this curve)";
    }
    return String.format(Locale.ROOT, "%-24s %6s %8s %8s  %s%s%n", l.fit(), points, percent(l.rmsRelativeError()),
        percent(l.maxRelativeError()), params, note);
  }

  static String percent(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
  }

  /** Four significant digits, without an exponent in the usual ranges. */
  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(v);
    if (a != 0 && (a >= 1e6 || a < 1e-3)) {
      return String.format(Locale.ROOT, "%.3e", v);
    }
    int decimals = a >= 1000 ? 1 : a >= 100 ? 1 : a >= 10 ? 2 : 3;
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
