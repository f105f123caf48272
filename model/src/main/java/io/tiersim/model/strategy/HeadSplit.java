package io.tiersim.model.strategy;

/**
 * Resolved head-wise cache (DuoAttention, RazorAttention): retrieval heads keep every token,
 * streaming heads keep {@code sinkTokens + windowTokens}.
 *
 * @param streamingPrefill whether streaming heads attend only to their sinks and window while the
 *     prompt is prefilled (DuoAttention), rather than to the whole prompt before their cache is cut
 */
public record HeadSplit(double retrievalFraction, int sinkTokens, int windowTokens, boolean streamingPrefill) {

  /** Average tokens kept per KV head, as a fraction-weighted mix of the two kinds of head. */
  public double keptTokensPerHead(long contextTokens) {
    double streaming = Math.min(contextTokens, streamingTokens());
    return retrievalFraction * contextTokens + (1 - retrievalFraction) * streaming;
  }

  /** Tokens a streaming head keeps and attends to: its sinks and its recent window. */
  public long streamingTokens() {
    return (long) sinkTokens + windowTokens;
  }
}
