package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * Head-wise caches (DuoAttention, RazorAttention): a {@code retrieval_fraction} of KV heads keeps
 * the full cache, the other (streaming) heads keep {@code sink_tokens} plus a recent {@code
 * window_tokens}. With {@code streaming_prefill} the streaming heads also attend only to their sinks
 * and window while the prompt is prefilled (DuoAttention); without it the prompt gets full
 * attention in every head and the streaming heads' caches are cut afterwards (RazorAttention).
 */
public record HeadsConfig(Double retrievalFraction, Integer sinkTokens, Integer windowTokens, Boolean streamingPrefill) {
  public HeadsConfig {
    if (retrievalFraction != null) {
      Require.fraction(retrievalFraction, "retrieval_fraction");
    }
    if (sinkTokens != null) {
      Require.nonNegative(sinkTokens, "sink_tokens");
    }
    if (windowTokens != null) {
      Require.nonNegative(windowTokens, "window_tokens");
    }
  }

  HeadsConfig over(HeadsConfig base) {
    if (base == null) {
      return this;
    }
    return new HeadsConfig(
        retrievalFraction != null ? retrievalFraction : base.retrievalFraction,
        sinkTokens != null ? sinkTokens : base.sinkTokens,
        windowTokens != null ? windowTokens : base.windowTokens,
        streamingPrefill != null ? streamingPrefill : base.streamingPrefill);
  }
}
