package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * Sparse reads at decode time (ShadowKV, Quest, InstInfer's sparse mode): the whole cache stays
 * stored, but each step reads only {@code budget_tokens} (or {@code read_fraction}) of it, chosen
 * by scoring one landmark per {@code chunk_tokens} tokens kept on the GPU.
 */
public record SparseConfig(Integer budgetTokens, Double readFraction, Integer chunkTokens, Double outlierChunkFraction) {
  public SparseConfig {
    if (budgetTokens != null) {
      Require.nonNegative(budgetTokens, "budget_tokens");
    }
    if (readFraction != null) {
      Require.fraction(readFraction, "read_fraction");
    }
    if (chunkTokens != null) {
      Require.nonNegative(chunkTokens, "chunk_tokens");
    }
    if (outlierChunkFraction != null) {
      Require.fraction(outlierChunkFraction, "outlier_chunk_fraction");
    }
  }

  SparseConfig over(SparseConfig base) {
    if (base == null) {
      return this;
    }
    return new SparseConfig(
        budgetTokens != null ? budgetTokens : base.budgetTokens,
        readFraction != null ? readFraction : base.readFraction,
        chunkTokens != null ? chunkTokens : base.chunkTokens,
        outlierChunkFraction != null ? outlierChunkFraction : base.outlierChunkFraction);
  }
}
