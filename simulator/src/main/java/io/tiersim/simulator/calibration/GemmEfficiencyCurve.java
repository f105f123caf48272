package io.tiersim.simulator.calibration;

/**
 * The fraction of the dense tensor-core peak a GEMM of shape m x n x k reaches, saturating in its
 * work w = m*n*k multiply-accumulates: {@code effMax * w / (w + halfWorkMacs)}. The work rather than
 * the smallest dimension, because the form then equals a fixed per-GEMM time plus the work at
 * {@code effMax} of peak (launch, pipeline fill and the last partial wave cost the same for any
 * shape); decode GEMMs with m = batch are bandwidth-bound, which the roofline prices separately.
 *
 * @param effMax the asymptote for large GEMMs (cuBLAS on 8192^3 reaches about 0.8 on H100)
 * @param halfWorkMacs the work at which half of {@code effMax} is reached
 */
public record GemmEfficiencyCurve(double effMax, double halfWorkMacs) {

  public GemmEfficiencyCurve {
    if (!(effMax > 0) || !Double.isFinite(effMax)) {
      throw new IllegalArgumentException("effMax: expected a positive finite fraction, got " + effMax);
    }
    if (!(halfWorkMacs >= 0) || !Double.isFinite(halfWorkMacs)) {
      throw new IllegalArgumentException("halfWorkMacs: expected zero or a positive finite number, got " + halfWorkMacs);
    }
  }

  /**
   * The curve whose fixed cost per GEMM is {@code fixedS}: half-work = effMax * fixedS * peak / 2,
   * since a GEMM then takes 2w / (effMax * peak) + fixedS seconds.
   */
  public static GemmEfficiencyCurve withFixedTime(double effMax, double fixedS, double peakFlopsPerS) {
    return new GemmEfficiencyCurve(effMax, effMax * fixedS * peakFlopsPerS / 2);
  }

  public double efficiency(long m, long n, long k) {
    double w = work(m, n, k);
    return effMax * w / (w + halfWorkMacs);
  }

  /** Seconds for the GEMM at this efficiency of {@code peakFlopsPerS}, counting 2 FLOP per MAC. */
  public double seconds(long m, long n, long k, double peakFlopsPerS) {
    return 2 * work(m, n, k) / (efficiency(m, n, k) * peakFlopsPerS);
  }

  private static double work(long m, long n, long k) {
    if (m <= 0 || n <= 0 || k <= 0) {
      throw new IllegalArgumentException("shape: expected positive m, n, k, got " + m + " x " + n + " x " + k);
    }
    return (double) m * n * k;
  }
}
