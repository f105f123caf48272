package io.tiersim.simulator.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.model.measurement.MeasurementFile;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Predicted against measured for every end-to-end setting of a probe file: per metric (decode step
 * time, prefill time, peak memory) the median and worst |error| of the spec-only and the calibrated
 * profile, and how many measurements fall inside the calibrated prediction's interval.
 */
@JsonPropertyOrder({"measurements", "gpu", "mode", "spec_profile", "calibrated_profile", "held_out", "summary", "rows",
    "skipped"})
public record MeasuredReport(String measurements, @JsonIgnore MeasurementFile file, String specProfile,
    String calibratedProfile, List<MeasuredRow> rows, List<String> skipped) {

  /** Settings never enter the fit: calibration reads only the microbenchmark series. */
  public static final String HELD_OUT = "all end-to-end settings (calibration uses only the microbenchmark series)";

  public MeasuredReport {
    rows = List.copyOf(rows);
    skipped = List.copyOf(skipped);
  }

  /** Median and worst |error| of one metric under one profile, and interval coverage (-1 for memory, which has none). */
  @JsonPropertyOrder({"metric", "rows", "spec_median_abs_error", "spec_worst_abs_error",
      "calibrated_median_abs_error", "calibrated_worst_abs_error", "calibrated_worst_setting", "inside_interval"})
  public record Summary(String metric, int rows, double specMedianAbsError, double specWorstAbsError,
      double calibratedMedianAbsError, double calibratedWorstAbsError, String calibratedWorstSetting,
      long insideInterval) {}

  @JsonProperty("gpu")
  public String gpu() {
    return file.device() == null ? "none" : file.device().name();
  }

  @JsonProperty("mode")
  public String mode() {
    return file.mode().key();
  }

  @JsonProperty("held_out")
  public String heldOut() {
    return HELD_OUT;
  }

  @JsonProperty("summary")
  public List<Summary> summary() {
    return List.of(MeasuredRow.DECODE_STEP_S, MeasuredRow.PREFILL_S, MeasuredRow.PEAK_GPU_BYTES).stream()
        .map(this::summary).filter(s -> s.rows() > 0).toList();
  }

  public Summary summary(String metric) {
    List<MeasuredRow> of = rows.stream().filter(r -> r.metric().equals(metric)).toList();
    MeasuredRow worst = of.stream().max(Comparator.comparingDouble(r -> Math.abs(r.calibratedError()))).orElse(null);
    return new Summary(metric, of.size(), median(of, r -> Math.abs(r.specError())),
        of.stream().mapToDouble(r -> Math.abs(r.specError())).max().orElse(Double.NaN),
        median(of, r -> Math.abs(r.calibratedError())),
        worst == null ? Double.NaN : Math.abs(worst.calibratedError()), worst == null ? null : worst.setting(),
        metric.equals(MeasuredRow.PEAK_GPU_BYTES) ? -1
            : of.stream().filter(r -> r.measured() >= r.calibratedLow() && r.measured() <= r.calibratedHigh()).count());
  }

  private static double median(List<MeasuredRow> rows, ToDoubleFunction<MeasuredRow> f) {
    return ValidationReport.median(rows.stream().mapToDouble(f).sorted().toArray());
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Validation against measured GPU runs\n\n");
    md.append(String.format(Locale.ROOT, "Measurements: `%s` (mode %s, GPU %s, made %s). Profiles: spec-only `%s`, "
        + "calibrated `%s` (from this file's microbenchmarks). Held out from fitting: %s. Written by `tiersim "
        + "validate`.%n%n", measurements, mode(), gpu(), file.createdUtc(), specProfile, calibratedProfile, HELD_OUT));
    if (!file.mode().measured()) {
      md.append("**These values are synthetic (not measured on a GPU); the report checks the pipeline only.**\n\n");
    }
    md.append("| metric | rows | spec median abs error | spec worst | calibrated median abs error | calibrated worst "
        + "| inside calibrated interval |\n|---|---|---|---|---|---|---|\n");
    for (Summary s : summary()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s (%s) | %s |%n", s.metric(), s.rows(),
          pct(s.specMedianAbsError()), pct(s.specWorstAbsError()), pct(s.calibratedMedianAbsError()),
          pct(s.calibratedWorstAbsError()), s.calibratedWorstSetting(),
          s.insideInterval() < 0 ? "-" : s.insideInterval() + " of " + s.rows()));
    }
    md.append("\n## Rows\n\n| setting | metric | measured | spec | error | calibrated | error | calibrated interval |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (MeasuredRow r : rows) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s-%s |%n", r.setting(), r.metric(),
          Format.number(r.measured()), Format.number(r.specPredicted()), Format.percent(r.specError()),
          Format.number(r.calibratedPredicted()), Format.percent(r.calibratedError()), Format.number(r.calibratedLow()),
          Format.number(r.calibratedHigh())));
    }
    if (!skipped.isEmpty()) {
      md.append("\n## Settings that did not run\n\n");
      skipped.forEach(s -> md.append("- ").append(s).append('\n'));
    }
    return md.toString();
  }

  private static String pct(double fraction) {
    return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
  }
}
