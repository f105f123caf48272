package io.tiersim.model.measurement;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.io.Require;
import java.util.List;

/**
 * One microbenchmark swept over sizes or shapes: what it measures ({@code kind}, whose quantity
 * fixes the unit), how ({@code method}, and {@code kernel} where a library picks one), and its
 * points. A series that did not run has a {@code reason} and no points.
 *
 * @param dtype the operand type (GEMM, attention), or null
 */
public record MicrobenchmarkSeries(
    String id,
    MeasurementKind kind,
    SeriesStatus status,
    String reason,
    String method,
    String kernel,
    MeasurementUnit unit,
    DataType dtype,
    Integer warmup,
    Integer repeats,
    List<SeriesPoint> points,
    List<SkippedPoint> skippedPoints,
    List<String> notes) {

  public MicrobenchmarkSeries {
    Require.nonBlank(id, "id");
    Require.present(kind, "kind");
    Require.present(status, "status");
    Require.nonBlank(method, "method");
    Require.present(unit, "unit");
    if (unit != MeasurementUnit.of(kind)) {
      throw new IllegalArgumentException("unit: a " + kind + " series is measured in " + MeasurementUnit.of(kind)
          + ", got " + unit);
    }
    points = Checks.entries(points, "points");
    skippedPoints = Checks.optionalEntries(skippedPoints, "skipped_points");
    notes = Checks.optionalEntries(notes, "notes");
    if (warmup != null) {
      Require.nonNegative(warmup, "warmup");
    }
    if (repeats != null) {
      Require.nonNegative(repeats, "repeats");
    }
    if (status.hasPoints() && points.isEmpty()) {
      throw new IllegalArgumentException("points: a series with status " + status.key() + " needs at least one point");
    }
    if (!status.hasPoints() && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("reason: a series with status " + status.key() + " needs a reason");
    }
    for (int i = 0; i < points.size(); i++) {
      if (points.get(i).unit() != unit) {
        throw new IllegalArgumentException("points[" + i + "].unit: expected the series unit " + unit + ", got "
            + points.get(i).unit());
      }
    }
  }
}
