package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of a microbenchmark sweep: the shape it ran at (named positive integers such as
 * {@code bytes}, or {@code m}, {@code n}, {@code k}), the median, 10th and 90th percentile and
 * interquartile range of the per-repeat values in {@code unit}, how many repeats, and the median
 * time of one operation in seconds.
 */
public record SeriesPoint(
    Map<String, Long> shape,
    MeasurementUnit unit,
    Double median,
    Double p10,
    Double p90,
    Double iqr,
    Integer samples,
    Double medianS) {

  public SeriesPoint {
    shape = checkShape(shape);
    Require.present(unit, "unit");
    Checks.check(median, p10, p90, iqr, samples);
    Checks.positive(medianS, "median_s");
  }

  static Map<String, Long> checkShape(Map<String, Long> shape) {
    Require.present(shape, "shape");
    if (shape.isEmpty()) {
      throw new IllegalArgumentException("shape: expected at least one dimension");
    }
    shape.forEach((name, v) -> Require.positive(Require.present(v, "shape." + name).longValue(), "shape." + name));
    return Collections.unmodifiableMap(new LinkedHashMap<>(shape));
  }

  /** A dimension of the shape, or null when the point does not record it. */
  public Long dimension(String name) {
    return shape.get(name);
  }
}
