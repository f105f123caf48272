package io.tiersim.simulator.calibration;

/**
 * One measured point as a fit sees it: a size {@code x} (bytes moved, or multiply-accumulates of a
 * GEMM) and the rate reached there (bytes/s, or the fraction of the tensor-core peak). A point
 * whose size was not recorded has {@code x} = +infinity: benchmarks that quote one figure run large
 * transfers, so such a point is read as the asymptote.
 */
public record Sample(double x, double value) {

  public Sample {
    if (!(x > 0)) {
      throw new IllegalArgumentException("x: expected a positive size, got " + x);
    }
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException("value: expected a positive finite rate, got " + value);
    }
  }

  /** A point measured at a size the source did not record. */
  public static Sample atUnknownSize(double value) {
    return new Sample(Double.POSITIVE_INFINITY, value);
  }

  public boolean sized() {
    return Double.isFinite(x);
  }
}
