package io.tiersim.model.hardware;

import io.tiersim.model.DataType;
import io.tiersim.model.io.Require;

/**
 * One benchmark result on real hardware (or a constant another project fitted to its runs), kept
 * next to the spec ceilings so that efficiency curves can be calibrated from what code reaches.
 * The value is in base units: bytes/s, FLOP/s or seconds, as {@link MeasurementKind#quantity()} says.
 *
 * @param transferBytes the transfer or working-set size the point was measured at, or null
 * @param m GEMM rows, or null; {@code n} and {@code k} likewise
 * @param workMacs multiply-accumulates per call of a compute point that is not a GEMM (a causal
 *     prefill attention counts the causal half of its two matmuls), or null
 * @param dataType the operand type of a compute point, or null
 */
public record MeasuredPoint(
    MeasurementKind kind,
    Long transferBytes,
    Integer m,
    Integer n,
    Integer k,
    Long workMacs,
    DataType dataType,
    double value,
    String source,
    String note) {

  public MeasuredPoint {
    Require.present(kind, "kind");
    if (transferBytes != null) {
      Require.positive(transferBytes, "transfer_bytes");
    }
    if (workMacs != null) {
      Require.positive(workMacs, "work_macs");
    }
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("value: expected a positive number, got " + value);
    }
    Require.nonBlank(source, "source");
  }

  public double bytesPerS() {
    return valueAs(MeasurementKind.Quantity.BANDWIDTH);
  }

  public double flopsPerS() {
    return valueAs(MeasurementKind.Quantity.COMPUTE);
  }

  public double seconds() {
    return valueAs(MeasurementKind.Quantity.LATENCY);
  }

  private double valueAs(MeasurementKind.Quantity wanted) {
    if (kind.quantity() != wanted) {
      throw new IllegalStateException("a " + kind + " point measures "
          + kind.quantity().name().toLowerCase(java.util.Locale.ROOT) + ", not "
          + wanted.name().toLowerCase(java.util.Locale.ROOT));
    }
    return value;
  }
}
