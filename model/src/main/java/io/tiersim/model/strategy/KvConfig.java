package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * How the KV cache of a layer is represented: key and value bits with their grouping axis and
 * size, a full-precision residual window of recent tokens (KIVI), a fraction of fp16 outliers
 * kept sparse (KVQuant, GEAR), a non-uniform lookup-table datatype (KVQuant), a low-rank error
 * correction (GEAR), low-rank key/value projections (ShadowKV, MatryoshkaKV) and cross-layer
 * sharing (MiniCache). Null fields are "not set" and take the preset's or the default value.
 */
public record KvConfig(
    Integer keyBits,
    Integer valueBits,
    Integer groupSize,
    QuantAxis keyAxis,
    QuantAxis valueAxis,
    Integer residualTokens,
    Double outlierFraction,
    Boolean nonUniform,
    Integer errorRank,
    Integer lowRankKeyDim,
    Integer lowRankValueDim,
    SharingConfig sharing) {

  public KvConfig {
    if (keyBits != null) {
      Require.inRange(keyBits, 1, 16, "key_bits");
    }
    if (valueBits != null) {
      Require.inRange(valueBits, 1, 16, "value_bits");
    }
    if (groupSize != null) {
      Require.nonNegative(groupSize, "group_size");
    }
    if (residualTokens != null) {
      Require.nonNegative(residualTokens, "residual_tokens");
    }
    if (outlierFraction != null) {
      Require.fraction(outlierFraction, "outlier_fraction");
    }
    if (errorRank != null) {
      Require.nonNegative(errorRank, "error_rank");
    }
    if (lowRankKeyDim != null) {
      Require.nonNegative(lowRankKeyDim, "low_rank_key_dim");
    }
    if (lowRankValueDim != null) {
      Require.nonNegative(lowRankValueDim, "low_rank_value_dim");
    }
  }

  KvConfig over(KvConfig base) {
    if (base == null) {
      return this;
    }
    return new KvConfig(
        keyBits != null ? keyBits : base.keyBits,
        valueBits != null ? valueBits : base.valueBits,
        groupSize != null ? groupSize : base.groupSize,
        keyAxis != null ? keyAxis : base.keyAxis,
        valueAxis != null ? valueAxis : base.valueAxis,
        residualTokens != null ? residualTokens : base.residualTokens,
        outlierFraction != null ? outlierFraction : base.outlierFraction,
        nonUniform != null ? nonUniform : base.nonUniform,
        errorRank != null ? errorRank : base.errorRank,
        lowRankKeyDim != null ? lowRankKeyDim : base.lowRankKeyDim,
        lowRankValueDim != null ? lowRankValueDim : base.lowRankValueDim,
        sharing != null ? sharing.over(base.sharing) : base.sharing);
  }
}
