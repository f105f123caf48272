package io.tiersim.model.hardware;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.tiersim.model.io.Require;

/**
 * One hardware number with where it came from: a datasheet, a benchmark, a fitted constant, or an
 * {@code assumption: ...} with its reasoning. Every quantity in a hardware profile is one of these;
 * the unit is in the name of the field that holds it. Values are never negative.
 */
public record SourcedValue(double value, String source) {

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public SourcedValue {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException("value: expected zero or a positive number, got " + value);
    }
    Require.nonBlank(source, "source");
  }

  /** A bare number in a file: rejected, because every hardware number needs a source. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static SourcedValue bare(double value) {
    throw new IllegalArgumentException("source: a bare number (" + value + ") is not allowed;"
        + " write {value: " + value + ", source: \"where it came from\"}");
  }

  /** The value times a unit factor, e.g. 1e9 for a field in GB/s. */
  public double times(double unit) {
    return value * unit;
  }

  static SourcedValue positive(SourcedValue v, String field) {
    Require.present(v, field);
    if (!(v.value > 0)) {
      throw new IllegalArgumentException(field + ": expected a positive number, got " + v.value);
    }
    return v;
  }

  /** A count (GPUs, cores, SMs, drives): a whole number of at least one. */
  static int count(SourcedValue v, String field) {
    positive(v, field);
    if (v.value != Math.rint(v.value) || v.value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(field + ": expected a whole number, got " + v.value);
    }
    return (int) v.value;
  }
}
