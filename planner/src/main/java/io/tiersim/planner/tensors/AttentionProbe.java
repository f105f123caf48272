package io.tiersim.planner.tensors;

/**
 * Attention of probe queries over one head's cache, to measure what retention loses. With only the
 * cache at hand, the newest tokens' keys stand in for their queries (the keys of a token and its
 * query come from the same hidden state, and SnapKV scores with the newest queries likewise).
 */
final class AttentionProbe {
  private AttentionProbe() {}

  /** softmax(q . k_t / sqrt(d)) over tokens [0, upTo). */
  static double[] softmaxRow(float[] q, float[][] keys, int upTo) {
    double[] p = new double[upTo];
    double max = Double.NEGATIVE_INFINITY;
    double scale = 1 / Math.sqrt(q.length);
    for (int t = 0; t < upTo; t++) {
      double s = 0;
      for (int c = 0; c < q.length; c++) {
        s += q[c] * keys[t][c];
      }
      p[t] = s * scale;
      max = Math.max(max, p[t]);
    }
    double sum = 0;
    for (int t = 0; t < upTo; t++) {
      p[t] = Math.exp(p[t] - max);
      sum += p[t];
    }
    for (int t = 0; t < upTo; t++) {
      p[t] /= sum;
    }
    return p;
  }

  /** Relative error of the probes' attention outputs when only {@code keep} tokens remain. */
  static double outputError(float[][] keys, float[][] values, boolean[] keep, int probes) {
    int n = keys.length;
    double num = 0;
    double den = 0;
    for (int q = Math.max(0, n - probes); q < n; q++) {
      double[] full = output(keys[q], keys, values, null);
      double[] kept = output(keys[q], keys, values, keep);
      for (int c = 0; c < full.length; c++) {
        num += (full[c] - kept[c]) * (full[c] - kept[c]);
        den += full[c] * full[c];
      }
    }
    return den == 0 ? 0 : Math.sqrt(num / den);
  }

  private static double[] output(float[] q, float[][] keys, float[][] values, boolean[] keep) {
    int n = keys.length;
    double scale = 1 / Math.sqrt(q.length);
    double[] w = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < n; t++) {
      if (keep != null && !keep[t]) {
        w[t] = Double.NEGATIVE_INFINITY;
        continue;
      }
      double s = 0;
      for (int c = 0; c < q.length; c++) {
        s += q[c] * keys[t][c];
      }
      w[t] = s * scale;
      max = Math.max(max, w[t]);
    }
    double sum = 0;
    for (int t = 0; t < n; t++) {
      w[t] = w[t] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(w[t] - max);
      sum += w[t];
    }
    double[] out = new double[values[0].length];
    for (int t = 0; t < n; t++) {
      if (w[t] == 0) {
        continue;
      }
      for (int c = 0; c < out.length; c++) {
        out[c] += w[t] / sum * values[t][c];
      }
    }
    return out;
  }
}
