package io.tiersim.model.strategy;

/**
 * Resolved head-wise cache (DuoAttention, RazorAttention): retrieval heads keep every token,
 * streaming heads keep {@code sinkTokens + windowTokens}.
 */
public record HeadSplit(double retrievalFraction, int sinkTokens, int windowTokens) {

  /** Average tokens kept per KV head, as a fraction-weighted mix of the two kinds of head. */
  public double keptTokensPerHead(long contextTokens) {
    double streaming = Math.min(contextTokens, (long) sinkTokens + windowTokens);
    return retrievalFraction * contextTokens + (1 - retrievalFraction) * streaming;
  }
}
