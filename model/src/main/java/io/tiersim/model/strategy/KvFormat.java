package io.tiersim.model.strategy;

/**
 * Resolved KV representation of a layer. Bits of 16 mean fp16. A {@code groupSize} of 0 means
 * one scale per whole vector (KVQuant's per-token values and offline per-channel key scales).
 * {@code lowRankKeyDim}/{@code lowRankValueDim} of 0 mean full width.
 */
public record KvFormat(
    int keyBits,
    int valueBits,
    int groupSize,
    QuantAxis keyAxis,
    QuantAxis valueAxis,
    int residualTokens,
    double outlierFraction,
    boolean nonUniform,
    int errorRank,
    int lowRankKeyDim,
    int lowRankValueDim) {

  public static final KvFormat FP16 =
      new KvFormat(16, 16, 0, QuantAxis.TOKEN, QuantAxis.TOKEN, 0, 0, false, 0, 0, 0);

  public boolean quantized() {
    return keyBits < 16 || valueBits < 16;
  }
}
