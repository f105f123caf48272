package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * Token retention (eviction): keep heavy hitters, a recent window and attention sinks. Ratios are
 * fractions of the prompt length (H2O's {@code hh_ratio}); {@code budget_tokens} is a fixed
 * number of selected prompt tokens per head (SnapKV); {@code sink_tokens} and {@code
 * window_tokens} are StreamingLLM's sinks and recent window.
 */
public record RetentionConfig(
    Double heavyRatio, Double recentRatio, Integer budgetTokens, Integer sinkTokens, Integer windowTokens) {
  public RetentionConfig {
    if (heavyRatio != null) {
      Require.fraction(heavyRatio, "heavy_ratio");
    }
    if (recentRatio != null) {
      Require.fraction(recentRatio, "recent_ratio");
    }
    if (budgetTokens != null) {
      Require.nonNegative(budgetTokens, "budget_tokens");
    }
    if (sinkTokens != null) {
      Require.nonNegative(sinkTokens, "sink_tokens");
    }
    if (windowTokens != null) {
      Require.nonNegative(windowTokens, "window_tokens");
    }
  }

  RetentionConfig over(RetentionConfig base) {
    if (base == null) {
      return this;
    }
    return new RetentionConfig(
        heavyRatio != null ? heavyRatio : base.heavyRatio,
        recentRatio != null ? recentRatio : base.recentRatio,
        budgetTokens != null ? budgetTokens : base.budgetTokens,
        sinkTokens != null ? sinkTokens : base.sinkTokens,
        windowTokens != null ? windowTokens : base.windowTokens);
  }
}
