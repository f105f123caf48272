package io.tiersim.planner.tensors;

/**
 * Which tokens a retention rule keeps, for measuring its error: SnapKV's (Li et al., 2024,
 * arXiv:2404.14469) observation window of the last {@code windowTokens} scores the earlier tokens
 * by the attention it pays them and keeps the {@code budgetTokens} best plus the window; with
 * {@code budgetTokens == 0}, StreamingLLM's (Xiao et al., ICLR 2024) {@code sinkTokens} first
 * tokens plus the recent window.
 */
public record TokenSelector(int budgetTokens, int sinkTokens, int windowTokens) {

  /** Tokens kept for one head, given its keys ({@code [tokens][headDim]}). */
  boolean[] keep(float[][] keys) {
    int n = keys.length;
    boolean[] keep = new boolean[n];
    int window = Math.min(n, windowTokens);
    for (int t = n - window; t < n; t++) {
      keep[t] = true;
    }
    for (int t = 0; t < Math.min(n, sinkTokens); t++) {
      keep[t] = true;
    }
    if (budgetTokens <= 0) {
      return keep;
    }
    double[] score = new double[n];
    for (int q = n - window; q < n; q++) {
      double[] p = AttentionProbe.softmaxRow(keys[q], keys, n - window);
      for (int t = 0; t < p.length; t++) {
        score[t] += p[t];
      }
    }
    Integer[] order = new Integer[n - window];
    for (int t = 0; t < order.length; t++) {
      order[t] = t;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));
    for (int i = 0; i < Math.min(budgetTokens, order.length); i++) {
      keep[order[i]] = true;
    }
    return keep;
  }
}
