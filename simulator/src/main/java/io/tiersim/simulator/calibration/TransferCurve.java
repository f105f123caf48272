package io.tiersim.simulator.calibration;

/**
 * Time to move bytes over one resource (HBM, L2, a host link) in the classic latency-bandwidth
 * (Hockney) model: a fixed {@code latencyS} per transfer plus bytes at {@code peakBytesPerS}, so
 * the achieved bandwidth rises with size and saturates at the peak.
 */
public record TransferCurve(double latencyS, double peakBytesPerS) {

  public TransferCurve {
    if (!(latencyS >= 0) || !Double.isFinite(latencyS)) {
      throw new IllegalArgumentException("latencyS: expected zero or a positive finite number, got " + latencyS);
    }
    if (!(peakBytesPerS > 0) || !Double.isFinite(peakBytesPerS)) {
      throw new IllegalArgumentException("peakBytesPerS: expected a positive finite number, got " + peakBytesPerS);
    }
  }

  /** Seconds to move {@code bytes}; zero bytes issue no transfer and cost nothing. */
  public double seconds(double bytes) {
    requireBytes(bytes);
    return bytes == 0 ? 0 : latencyS + bytes / peakBytesPerS;
  }

  /** Bytes over seconds at this size: below the peak, approaching it as the size grows. */
  public double achievedBytesPerS(double bytes) {
    requireBytes(bytes);
    return bytes == 0 ? 0 : bytes / seconds(bytes);
  }

  /** The size at which half the peak is reached: latency times peak (Hockney's n-half). */
  public double halfPeakBytes() {
    return latencyS * peakBytesPerS;
  }

  private static void requireBytes(double bytes) {
    if (!(bytes >= 0) || Double.isInfinite(bytes)) {
      throw new IllegalArgumentException("bytes: expected zero or a positive finite number, got " + bytes);
    }
  }
}
