package io.tiersim.planner.quality;

import java.util.Arrays;
import java.util.List;

/**
 * How sensitive each layer is to compression, relative to the average layer: values with mean 1,
 * so a method applied to every layer loses exactly its whole-model loss, and applied to layer
 * {@code i} alone loses {@code weight(i) / layers} of it.
 *
 * <p>The default shape (when the user supplies no profile) is ours, not a measurement: the first
 * layers weigh most, decaying over about 5 % of the depth, and the last layer a little more than the
 * middle. It follows two published observations: lower layers spread attention widely and need more
 * of their cache (Cai et al., PyramidKV, 2024, arXiv:2406.02069), and the first and last layers
 * change their input most, so compressing them costs most (Wang et al., SqueezeAttention, 2024,
 * arXiv:2404.04793).
 */
public final class SensitivityProfile {
  private final double[] weights;
  private final String source;

  private SensitivityProfile(double[] weights, String source) {
    this.weights = weights;
    this.source = source;
  }

  /** A profile from raw positive values, normalised to mean 1. */
  public static SensitivityProfile of(List<Double> raw, String source) {
    if (raw.isEmpty()) {
      throw new IllegalArgumentException("sensitivity: expected one value per layer, got none");
    }
    double[] w = new double[raw.size()];
    for (int i = 0; i < w.length; i++) {
      Double v = raw.get(i);
      if (v == null || !(v >= 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("sensitivity: expected finite values >= 0, got " + v + " for layer " + i);
      }
      w[i] = v;
    }
    double mean = Arrays.stream(w).average().orElse(0);
    if (!(mean > 0)) {
      throw new IllegalArgumentException("sensitivity: expected at least one positive value");
    }
    for (int i = 0; i < w.length; i++) {
      w[i] /= mean;
    }
    return new SensitivityProfile(w, source);
  }

  /** Every layer alike. */
  public static SensitivityProfile uniform(int layers) {
    double[] w = new double[layers];
    Arrays.fill(w, 1);
    return new SensitivityProfile(w, "uniform");
  }

  /** The documented default shape for {@code layers} layers (see the class comment). */
  public static SensitivityProfile defaultShape(int layers) {
    double early = Math.max(1, 0.05 * layers);
    double late = Math.max(1, 0.02 * layers);
    Double[] raw = new Double[layers];
    for (int i = 0; i < layers; i++) {
      raw[i] = 1 + 2 * Math.exp(-i / early) + Math.exp(-(layers - 1 - i) / late);
    }
    return of(Arrays.asList(raw), "default shape (early and last layers weigh more)");
  }

  public int layers() {
    return weights.length;
  }

  public double weight(int layer) {
    return weights[layer];
  }

  public String source() {
    return source;
  }
}
