package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;
import java.util.Map;

/** A planned point that did not run (out of memory, an unsupported shape, the time budget), and why. */
public record SkippedPoint(Map<String, Long> shape, String reason) {
  public SkippedPoint {
    shape = SeriesPoint.checkShape(shape);
    Require.nonBlank(reason, "reason");
  }
}
