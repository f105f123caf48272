package io.tiersim.model.strategy;

/**
 * Resolved sparse read of a layer: each decode step reads {@code budgetTokens} (or {@code
 * readFraction} of the cache), chosen by scoring landmarks, one per {@code chunkTokens} tokens.
 */
public record SparseRead(int budgetTokens, double readFraction, int chunkTokens, double outlierChunkFraction) {

  /** Tokens whose KV one decode step reads, out of {@code storedTokens}. */
  public long tokensRead(long storedTokens) {
    long byBudget = budgetTokens > 0 ? Math.min(storedTokens, budgetTokens) : storedTokens;
    long byFraction = readFraction > 0 ? (long) Math.ceil(readFraction * storedTokens) : storedTokens;
    return Math.min(byBudget, byFraction);
  }

  /** Landmarks kept for scoring: one per chunk. */
  public long landmarks(long storedTokens) {
    return chunkTokens > 0 ? (storedTokens + chunkTokens - 1) / chunkTokens : 0;
  }
}
