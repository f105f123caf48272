package io.tiersim.simulator.memory;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.HeadSplit;
import io.tiersim.model.strategy.KvFormat;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.QuantAxis;
import io.tiersim.model.strategy.SparseRead;
import io.tiersim.model.strategy.TokenRetention;

/**
 * Bytes of the KV cache of one sequence in one layer. The arithmetic, per stored token and per
 * half (keys, values) of {@code d} channels:
 * <ul>
 *   <li>fp16: {@code 2d} bytes;
 *   <li>quantised to {@code b} bits: {@code b d / 8}, plus an fp16 scale and zero point per group
 *       ({@code 4 d / g} bytes), or per whole vector when {@code g = 0};
 *   <li>a residual window of the newest {@code R} tokens stays fp16 (KIVI);
 *   <li>outliers (KVQuant, GEAR): a fraction {@code f} of entries as fp16 value plus 16-bit
 *       index ({@code 4 f d} bytes) and a 32-bit row pointer per token vector;
 *   <li>a non-uniform datatype adds its lookup table, {@code 2^b} fp16 entries per layer and half,
 *       shared by all sequences;
 *   <li>GEAR's rank-{@code r} error term adds {@code r} fp16 per token and KV head, and a {@code r
 *       x head_dim} factor per head;
 *   <li>low rank (ShadowKV keys): {@code r} fp16 per token plus an {@code r x d} factor per
 *       sequence.
 * </ul>
 * Tokens stored per head come from token retention, then the head split; MiniCache's merged layers
 * keep fp16 magnitudes per token and head plus the unmerged fraction. Heavy-hitter retention adds
 * its accumulated scores, and sparse reads their landmarks and working set, on the GPU.
 */
public final class KvCacheSizer {
  static final double FP16_BYTES = 2;
  /** fp16 scale and fp16 zero point per quantisation group. */
  static final double GROUP_METADATA_BYTES = 4;
  /** Sparse outlier entry: fp16 value and 16-bit column index (KVQuant's CSR layout). */
  static final double OUTLIER_ENTRY_BYTES = 4;
  /** CSR row pointer per token vector. */
  static final double OUTLIER_ROW_POINTER_BYTES = 4;

  private KvCacheSizer() {}

  /**
   * Tokens stored per sequence in this layer, before the head split: retention, the architecture's
   * sliding window (a rolling cache of the window, as Mistral's reference code and serving engines
   * keep it) and paging applied.
   */
  public static long storedTokens(LayerPolicy p, long contextTokens, long promptTokens, int pagedBlockTokens) {
    TokenRetention r = p.retention();
    long kept = r == null ? contextTokens : r.keptTokens(contextTokens, promptTokens);
    if (p.attentionWindow() > 0) {
      kept = Math.min(kept, p.attentionWindow());
    }
    if (pagedBlockTokens > 0) {
      kept = ceilDiv(kept, pagedBlockTokens) * pagedBlockTokens;
    }
    return kept;
  }

  /** Average tokens stored per KV head (head split applied). */
  public static double tokensPerHead(LayerPolicy p, long storedTokens) {
    HeadSplit h = p.heads();
    return h == null ? storedTokens : h.keptTokensPerHead(storedTokens);
  }

  /** Bytes of one sequence in layer {@code p.layer()} when {@code contextTokens} have been seen. */
  public static KvLayerBytes layerBytes(ModelArchitecture m, LayerPolicy p, long contextTokens, long promptTokens,
      int pagedBlockTokens) {
    long stored = storedTokens(p, contextTokens, promptTokens, pagedBlockTokens);
    double tokens = tokensPerHead(p, stored);
    KvFormat f = p.kv();
    int layer = p.layer();
    long keyDims = m.keyElementsPerToken(layer);
    long valueDims = m.valueElementsPerToken(layer);
    int heads = m.numKeyValueHeads();
    double keys = halfBytes(tokens, keyDims, f.keyBits(), f.keyAxis(), f, heads, f.lowRankKeyDim());
    double values = halfBytes(tokens, valueDims, f.valueBits(), f.valueAxis(), f, heads, f.lowRankValueDim());
    double shared = sharedBytes(keyDims, f.keyBits(), f.keyAxis(), f) + sharedBytes(valueDims, f.valueBits(), f.valueAxis(), f);
    if (p.mergedWithPrevious()) {
      // MiniCache: the merged direction lives in the previous layer; keep magnitudes and the unmerged tokens.
      double magnitudes = tokens * heads * FP16_BYTES;
      keys = magnitudes + p.mergeRetainedFraction() * keys;
      values = (valueDims > 0 ? magnitudes : 0) + p.mergeRetainedFraction() * values;
    }
    double side = sparseSideBytes(p.sparse(), stored, keyDims, valueDims) + scoreStateBytes(m, p, stored);
    return new KvLayerBytes(keys, values, side, shared);
  }

  /**
   * Per-layer metadata shared by every sequence: a non-uniform datatype's lookup table ({@code 2^b}
   * fp16 entries) and, for per-channel grouping over the whole context ({@code g = 0}), the
   * offline-calibrated scale and zero of each channel.
   */
  static double sharedBytes(long dims, int bits, QuantAxis axis, KvFormat f) {
    if (dims == 0 || bits >= 16) {
      return 0;
    }
    double bytes = f.nonUniform() ? Math.pow(2, bits) * FP16_BYTES : 0;
    if (f.groupSize() == 0 && axis == QuantAxis.CHANNEL) {
      bytes += dims * GROUP_METADATA_BYTES;
    }
    return bytes;
  }

  /**
   * H2O's accumulated attention score: one fp16 value per kept token and attention head, kept
   * next to the cache on the GPU (the {@code acc} tensor of H2O's FlexGen code).
   */
  static double scoreStateBytes(ModelArchitecture m, LayerPolicy p, long storedTokens) {
    TokenRetention r = p.retention();
    if (r == null || r.heavyRatio() == 0) {
      return 0;
    }
    return (double) storedTokens * m.numAttentionHeads() * FP16_BYTES;
  }

  /**
   * Bytes of one sequence's fp16 residual window (KIVI's newest tokens) in layer {@code p.layer()},
   * keys and values; zero for a half that is not quantised or is low rank.
   */
  public static KvLayerBytes residualWindowBytes(ModelArchitecture m, LayerPolicy p, long contextTokens,
      long promptTokens, int pagedBlockTokens) {
    double tokens = tokensPerHead(p, storedTokens(p, contextTokens, promptTokens, pagedBlockTokens));
    KvFormat f = p.kv();
    int l = p.layer();
    return new KvLayerBytes(
        windowTokens(tokens, f.keyBits(), f, f.lowRankKeyDim()) * m.keyElementsPerToken(l) * FP16_BYTES,
        windowTokens(tokens, f.valueBits(), f, f.lowRankValueDim()) * m.valueElementsPerToken(l) * FP16_BYTES, 0, 0);
  }

  /** Tokens of a half kept in the fp16 residual window: none unless it is quantised at full rank. */
  private static double windowTokens(double tokens, int bits, KvFormat f, int lowRank) {
    return bits >= 16 || lowRank > 0 ? 0 : Math.min(tokens, f.residualTokens());
  }

  /** Bytes of one half (keys or values) of {@code dims} channels for {@code tokens} tokens. */
  static double halfBytes(double tokens, long dims, int bits, QuantAxis axis, KvFormat f, int heads, int lowRank) {
    if (dims == 0 || tokens <= 0) {
      return 0;
    }
    if (lowRank > 0) {
      return tokens * lowRank * FP16_BYTES + (double) lowRank * dims * FP16_BYTES;
    }
    if (bits >= 16) {
      return tokens * dims * FP16_BYTES;
    }
    double residual = windowTokens(tokens, bits, f, lowRank);
    double quantized = tokens - residual;
    double bytes = residual * dims * FP16_BYTES + quantized * dims * bits / 8.0;
    bytes += groupMetadataBytes(quantized, dims, axis, f.groupSize());
    if (f.outlierFraction() > 0) {
      bytes += quantized * (dims * f.outlierFraction() * OUTLIER_ENTRY_BYTES + OUTLIER_ROW_POINTER_BYTES);
    }
    if (f.errorRank() > 0) {
      long headDim = dims / Math.max(1, heads);
      bytes += quantized * f.errorRank() * heads * FP16_BYTES + (double) f.errorRank() * headDim * heads * FP16_BYTES;
    }
    return bytes;
  }

  private static double groupMetadataBytes(double quantizedTokens, long dims, QuantAxis axis, int groupSize) {
    if (groupSize > 0) {
      return quantizedTokens * dims / groupSize * GROUP_METADATA_BYTES;
    }
    // One scale per whole token vector; per-channel scales over the whole context are shared (see sharedBytes).
    return axis == QuantAxis.TOKEN ? quantizedTokens * GROUP_METADATA_BYTES : 0;
  }

  /** Landmarks (one fp16 key mean per chunk) and the gathered sparse working set, both on the GPU. */
  private static double sparseSideBytes(SparseRead s, long stored, long keyDims, long valueDims) {
    if (s == null) {
      return 0;
    }
    double landmarks = s.landmarks(stored) * keyDims * FP16_BYTES;
    double outlierChunks = s.outlierChunkFraction() * stored * (keyDims + valueDims) * FP16_BYTES;
    double workingSet = s.tokensRead(stored) * (keyDims + valueDims) * FP16_BYTES;
    return landmarks + outlierChunks + workingSet;
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
