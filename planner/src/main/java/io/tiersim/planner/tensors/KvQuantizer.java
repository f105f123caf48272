package io.tiersim.planner.tensors;

import io.tiersim.model.strategy.QuantAxis;

/**
 * Reference uniform quantiser of one half of the cache, as the presets configure it: {@code bits}
 * per element with a min-max scale and zero point per group of {@code groupSize} elements along the
 * {@code axis} (KIVI: keys per channel over groups of tokens, values per token over groups of
 * channels; 0 = the whole vector), the newest {@code residualTokens} kept exact (KIVI's residual), and
 * a fraction of each token's largest-magnitude entries kept exact (KVQuant's and GEAR's sparse
 * outliers). Non-uniform datatypes are measured as uniform, so their error is overstated.
 */
public record KvQuantizer(int bits, int groupSize, QuantAxis axis, int residualTokens, double outlierFraction) {

  public KvQuantizer {
    if (bits < 1 || bits > 16) {
      throw new IllegalArgumentException("bits: expected 1 to 16, got " + bits);
    }
  }

  /** The reconstruction of {@code x} ({@code [tokens][channels]}) after quantisation. */
  public float[][] apply(float[][] x) {
    int tokens = x.length;
    int channels = x[0].length;
    float[][] out = new float[tokens][];
    for (int t = 0; t < tokens; t++) {
      out[t] = x[t].clone();
    }
    if (bits >= 16) {
      return out;
    }
    boolean[][] exact = outliers(x);
    int quantized = Math.max(0, tokens - residualTokens);
    if (axis == QuantAxis.TOKEN) {
      int g = groupSize == 0 ? channels : groupSize;
      for (int t = 0; t < quantized; t++) {
        for (int c0 = 0; c0 < channels; c0 += g) {
          quantize(out, exact, t, t + 1, c0, Math.min(channels, c0 + g));
        }
      }
    } else {
      int g = groupSize == 0 ? Math.max(1, quantized) : groupSize;
      for (int t0 = 0; t0 < quantized; t0 += g) {
        for (int c = 0; c < channels; c++) {
          quantize(out, exact, t0, Math.min(quantized, t0 + g), c, c + 1);
        }
      }
    }
    return out;
  }

  /** Min-max quantisation of the block [t0, t1) x [c0, c1), skipping entries kept exact. */
  private void quantize(float[][] x, boolean[][] exact, int t0, int t1, int c0, int c1) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int t = t0; t < t1; t++) {
      for (int c = c0; c < c1; c++) {
        if (exact == null || !exact[t][c]) {
          min = Math.min(min, x[t][c]);
          max = Math.max(max, x[t][c]);
        }
      }
    }
    if (!(max > min)) {
      return;
    }
    int levels = (1 << bits) - 1;
    float scale = (max - min) / levels;
    for (int t = t0; t < t1; t++) {
      for (int c = c0; c < c1; c++) {
        if (exact == null || !exact[t][c]) {
          x[t][c] = min + Math.round((x[t][c] - min) / scale) * scale;
        }
      }
    }
  }

  /** Each token's largest-magnitude fraction of entries, or null when none are kept. */
  private boolean[][] outliers(float[][] x) {
    if (outlierFraction <= 0) {
      return null;
    }
    int channels = x[0].length;
    int keep = (int) Math.round(outlierFraction * channels);
    boolean[][] exact = new boolean[x.length][channels];
    if (keep == 0) {
      return exact;
    }
    for (int t = 0; t < x.length; t++) {
      float[] mags = new float[channels];
      for (int c = 0; c < channels; c++) {
        mags[c] = Math.abs(x[t][c]);
      }
      float[] sorted = mags.clone();
      java.util.Arrays.sort(sorted);
      float threshold = sorted[channels - keep];
      int kept = 0;
      for (int c = 0; c < channels && kept < keep; c++) {
        if (mags[c] >= threshold) {
          exact[t][c] = true;
          kept++;
        }
      }
    }
    return exact;
  }

  /**
   * The relative error per channel, {@code ||x_c - q(x)_c|| / ||x_c||}, as a root mean square over
   * channels: normalising each channel on its own keeps a few large outlier channels from hiding
   * the damage a shared scale does to all the others (KIVI's argument for per-channel keys).
   */
  public double relativeError(float[][] x) {
    float[][] q = apply(x);
    int channels = x[0].length;
    double sum = 0;
    int counted = 0;
    for (int c = 0; c < channels; c++) {
      double num = 0;
      double den = 0;
      for (int t = 0; t < x.length; t++) {
        double d = x[t][c] - q[t][c];
        num += d * d;
        den += (double) x[t][c] * x[t][c];
      }
      if (den > 0) {
        sum += num / den;
        counted++;
      }
    }
    return counted == 0 ? 0 : Math.sqrt(sum / counted);
  }
}
