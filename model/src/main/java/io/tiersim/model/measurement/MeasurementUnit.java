package io.tiersim.model.measurement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tiersim.model.hardware.MeasurementKind;

/**
 * The unit of a series' values; the names are the value fields of a profile's measured points,
 * so a median carries over unchanged: GB/s (10^9 bytes/s), TFLOPS (10^12 FLOP/s, or OP/s for
 * integers) and microseconds.
 */
public enum MeasurementUnit {
  GB_S("gb_s", MeasurementKind.Quantity.BANDWIDTH, 1e9),
  TFLOPS("tflops", MeasurementKind.Quantity.COMPUTE, 1e12),
  US("us", MeasurementKind.Quantity.LATENCY, 1e-6);

  private final String key;
  private final MeasurementKind.Quantity quantity;
  private final double toBase;

  MeasurementUnit(String key, MeasurementKind.Quantity quantity, double toBase) {
    this.key = key;
    this.quantity = quantity;
    this.toBase = toBase;
  }

  @JsonValue
  public String key() {
    return key;
  }

  public MeasurementKind.Quantity quantity() {
    return quantity;
  }

  /** A value in this unit as bytes/s, FLOP/s or seconds. */
  public double toBase(double value) {
    return value * toBase;
  }

  /** The unit a kind's values are written in. */
  public static MeasurementUnit of(MeasurementKind kind) {
    for (MeasurementUnit u : values()) {
      if (u.quantity == kind.quantity()) {
        return u;
      }
    }
    throw new IllegalStateException("no unit for " + kind.quantity());
  }

  @JsonCreator
  public static MeasurementUnit fromKey(String key) {
    for (MeasurementUnit u : values()) {
      if (u.key.equals(key)) {
        return u;
      }
    }
    throw new IllegalArgumentException("expected one of gb_s, tflops, us, got '" + key + "'");
  }

  @Override
  public String toString() {
    return key;
  }
}
