package io.tiersim.simulator.memory;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.AttentionKernel;
import io.tiersim.model.strategy.KvDequantization;
import io.tiersim.model.strategy.LayerPolicy;

/**
 * Transient GPU memory of computing one layer for one GPU batch, as an eager PyTorch
 * implementation holds it (FlexGen's and Hugging Face's OPT/Llama code): the largest of the
 * attention phase and the MLP phase, plus the residual stream and the logits.
 *
 * <p>Attention phase: the layer input, its normalised copy, and q, k, v; with a materialised
 * kernel also {@link #SCORE_COPIES} fp16 copies of the dense {@code batch x heads x queries x keys}
 * scores (the matmul result and the masked result that replaces it are alive together) and the
 * boolean masks; with eager dequantisation of a quantised cache, the fp16 copy of the keys and
 * values attended to. Flash kernels keep scores on chip. MLP phase: the input, its normalised copy and
 * the intermediate tensors (gate, up and their product for gated MLPs; pre- and post-activation
 * for plain ones). This reproduces the peaks H2O logged on the A100 with FlexGen's code to within
 * 0.02 GiB (see validation/published/h2o-flexgen-notes.md).
 */
public final class ActivationSizer {
  /** Score-matrix copies alive at once in an eager softmax(QK^T) (matmul output + masked/softmax output). */
  static final int SCORE_COPIES = 2;
  static final double FP16 = KvCacheSizer.FP16_BYTES;

  private ActivationSizer() {}

  /** Peak transient bytes while one layer processes {@code queries} new tokens per sequence over {@code keys} cached ones. */
  public static double layerBytes(ModelArchitecture m, LayerPolicy p, long batch, long queries, long keys) {
    double tokens = (double) batch * queries;
    long h = m.hiddenSize();
    long qkv = (long) m.numAttentionHeads() * m.headDim() + m.keyElementsPerToken(p.layer()) + m.valueElementsPerToken(p.layer());
    double scores = 0;
    if (p.kernel() == AttentionKernel.MATERIALIZED) {
      double scoreElements = (double) batch * m.numAttentionHeads() * queries * keys;
      double maskBytes = (double) batch * queries * keys + (double) queries * keys;
      scores = SCORE_COPIES * scoreElements * FP16 + maskBytes;
    }
    // Eager dequantisation holds an fp16 copy of the attended keys and values (FlexGen's decompress).
    long restoredKeys = p.attentionWindow() > 0 ? Math.min(keys, p.attentionWindow()) : keys;
    double restored = p.kv().quantized() && p.dequantization() == KvDequantization.EAGER
        ? (double) batch * restoredKeys * (m.keyElementsPerToken(p.layer()) + m.valueElementsPerToken(p.layer())) * FP16
        : 0;
    double attention = tokens * (2.0 * h + qkv) * FP16 + scores + restored;
    double mlpWidth = m.isMoe() ? (double) m.moe().expertIntermediateSize() * m.moe().expertsPerToken() : m.intermediateSize();
    int mlpTensors = m.ffnKind() == io.tiersim.model.llm.FfnKind.GATED ? 3 : 2;
    double mlp = tokens * (2.0 * h + mlpTensors * mlpWidth) * FP16;
    return Math.max(attention, mlp);
  }

  /** The hidden state carried between layers. */
  public static double residualStreamBytes(ModelArchitecture m, long batch, long queries) {
    return (double) batch * queries * m.hiddenSize() * FP16;
  }

  /** Logits of the last position of each sequence. */
  public static double logitsBytes(ModelArchitecture m, long batch) {
    return (double) batch * m.vocabSize() * FP16;
  }
}
