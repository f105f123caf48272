package io.tiersim.model.strategy;

/**
 * Resolved token retention of a layer. Two families share these knobs:
 * <ul>
 *   <li>prompt compression at prefill (SnapKV): {@code budgetTokens} > 0 keeps that many prompt
 *       tokens, and every generated token is appended;
 *   <li>eviction at every step (H2O, StreamingLLM): the cache holds at most sinks + window +
 *       heavy and recent ratios of the prompt length, whatever the number of generated tokens.
 * </ul>
 */
public record TokenRetention(
    double heavyRatio, double recentRatio, int budgetTokens, int sinkTokens, int windowTokens) {

  /** Tokens kept per sequence when {@code contextTokens} have been seen, of which {@code promptTokens} were the prompt. */
  public long keptTokens(long contextTokens, long promptTokens) {
    if (budgetTokens > 0) {
      long prompt = Math.min(contextTokens, promptTokens);
      long generated = Math.max(0, contextTokens - promptTokens);
      return Math.min(prompt, budgetTokens + sinkTokens + windowTokens) + generated;
    }
    return Math.min(contextTokens, capacityTokens(promptTokens));
  }

  /** The fixed size of an evicting cache for a prompt of this length (ratios truncate, as H2O's {@code int(ratio * len)}). */
  public long capacityTokens(long promptTokens) {
    return sinkTokens + windowTokens + (long) Math.floor(heavyRatio * promptTokens)
        + (long) Math.floor(recentRatio * promptTokens);
  }

  /** Whether the prompt's whole KV must exist before it is compressed (true for every retention rule that scores the prompt). */
  public boolean scoresWholePrompt() {
    return budgetTokens > 0 || heavyRatio > 0;
  }
}
