package io.tiersim.model.strategy;

import io.tiersim.model.DataType;
import io.tiersim.model.llm.ModelArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link StrategyConfig} (a preset plus overrides) into one {@link LayerPolicy} per layer
 * of a model. Defaults: fp16 everywhere, everything on the GPU, flash attention on the GPU.
 */
public final class StrategyResolver {
  /** FlexGen's compression: 4-bit group-wise, group size 64 (Sheng et al., 2023, section 5). */
  static final int FLEXGEN_BITS = 4;
  static final int FLEXGEN_GROUP = 64;

  private StrategyResolver() {}

  /** Resolves {@code config}, first layering it over its preset when it names one. */
  public static Strategy resolve(StrategyConfig config, ModelArchitecture model) {
    StrategyConfig merged = config.preset() == null ? config : config.over(PresetRegistry.get(config.preset()).config());
    String name = config.name() != null ? config.name() : merged.preset();
    if (name == null) {
      throw new IllegalArgumentException("name: a strategy needs a name or a preset");
    }
    OffloadConfig off = merged.offload() == null
        ? new OffloadConfig(null, null, null, null, null, null, null, null, null, null, null, null)
        : merged.offload();
    TierFractions weights = orGpu(off.weights());
    TierFractions kvCache = orGpu(off.kvCache());
    TierFractions values = off.kvValues() != null ? off.kvValues() : kvCache;
    List<LayerPolicy> layers = new ArrayList<>(model.numLayers());
    int mergeStart = mergeStartLayer(merged.kv(), model.numLayers());
    for (int i = 0; i < model.numLayers(); i++) {
      layers.add(layerPolicy(i, merged, off, weights, kvCache, values, mergeStart, model));
    }
    return new Strategy(
        name,
        merged.preset() != null ? merged.preset() : config.preset(),
        merged.citation(),
        layers,
        Boolean.TRUE.equals(off.compressWeights()) ? new WeightFormat(FLEXGEN_BITS, FLEXGEN_GROUP) : WeightFormat.FP16,
        weights,
        orGpu(off.activations()),
        off.gpuBatchSize() == null ? 0 : off.gpuBatchSize(),
        off.numGpuBatches() == null ? 1 : off.numGpuBatches(),
        off.overlap() == null || off.overlap(),
        off.pinWeights() == null || off.pinWeights(),
        merged.pagedBlockTokens() == null ? 0 : merged.pagedBlockTokens(),
        off.pinKvCache() == null || off.pinKvCache());
  }

  private static LayerPolicy layerPolicy(int i, StrategyConfig s, OffloadConfig off, TierFractions weights,
      TierFractions kvCache, TierFractions values, int mergeStart, ModelArchitecture model) {
    WeightsConfig w = s.weights();
    KvConfig kv = s.kv();
    RetentionConfig ret = s.retention();
    HeadsConfig heads = s.heads();
    SparseConfig sparse = s.sparse();
    AttentionConfig att = s.attention();
    TierFractions keyPlace = kvCache;
    TierFractions valuePlace = values;
    for (LayerOverride o : s.layers()) {
      if (!o.range().contains(i)) {
        continue;
      }
      w = o.weights() != null ? o.weights().over(w) : w;
      kv = o.kv() != null ? o.kv().over(kv) : kv;
      ret = o.retention() != null ? o.retention().over(ret) : ret;
      heads = o.heads() != null ? o.heads().over(heads) : heads;
      sparse = o.sparse() != null ? o.sparse().over(sparse) : sparse;
      att = o.attention() != null ? o.attention().over(att) : att;
      if (o.kvCache() != null) {
        keyPlace = o.kvCache();
        valuePlace = o.kvCache();
      }
    }
    boolean merged = i >= mergeStart && (i - mergeStart) % 2 == 1;
    double retained = kv != null && kv.sharing() != null && kv.sharing().retainedFraction() != null
        ? kv.sharing().retainedFraction() : 0;
    AttentionSite site = att != null && att.site() != null ? att.site()
        : Boolean.TRUE.equals(off.cpuAttention()) ? AttentionSite.CPU : AttentionSite.GPU;
    AttentionKernel kernel = att != null && att.kernel() != null ? att.kernel() : AttentionKernel.FLASH;
    CacheGrowth growth = att != null && att.cacheGrowth() != null ? att.cacheGrowth() : CacheGrowth.PREALLOCATED;
    KvDequantization dequantization = att != null && att.dequantize() != null ? att.dequantize()
        : kernel == AttentionKernel.MATERIALIZED ? KvDequantization.EAGER : KvDequantization.FUSED;
    return new LayerPolicy(i, weightFormat(w, off), weights, kvFormat(kv, off, model, i),
        retention(ret), headSplit(heads), sparseRead(sparse), merged, merged ? retained : 0,
        keyPlace, valuePlace, site, kernel, growth, dequantization, model.attentionWindow(i));
  }

  /** First layer of MiniCache's merged region, or past the end when merging is off. */
  private static int mergeStartLayer(KvConfig kv, int numLayers) {
    if (kv == null || kv.sharing() == null || Boolean.FALSE.equals(kv.sharing().enabled())) {
      return Integer.MAX_VALUE;
    }
    double from = kv.sharing().fromLayerFraction() == null ? 0.5 : kv.sharing().fromLayerFraction();
    return (int) Math.floor(from * numLayers);
  }

  private static WeightFormat weightFormat(WeightsConfig w, OffloadConfig off) {
    if (w != null && w.bits() != null && w.bits() < 16) {
      int activationBits = w.activationBits() != null ? w.activationBits() : w.activationType() != null ? 8 : 16;
      return new WeightFormat(w.bits(), w.groupSize() == null ? FLEXGEN_GROUP : w.groupSize(), activationBits,
          activationBits == 8 ? (w.activationType() == null ? DataType.INT8 : w.activationType()) : null);
    }
    if (Boolean.TRUE.equals(off.compressWeights())) {
      return new WeightFormat(FLEXGEN_BITS, FLEXGEN_GROUP);
    }
    return WeightFormat.FP16;
  }

  private static KvFormat kvFormat(KvConfig kv, OffloadConfig off, ModelArchitecture model, int layer) {
    KvConfig c = kv;
    if (Boolean.TRUE.equals(off.compressKvCache())) {
      // FlexGen groups 64 consecutive channels of one token.
      c = (c == null ? new KvConfig(null, null, null, null, null, null, null, null, null, null, null, null) : c)
          .over(new KvConfig(FLEXGEN_BITS, FLEXGEN_BITS, FLEXGEN_GROUP, QuantAxis.TOKEN, QuantAxis.TOKEN,
              null, null, null, null, null, null, null));
    }
    if (c == null) {
      return KvFormat.FP16;
    }
    int lowK = c.lowRankKeyDim() == null ? 0 : c.lowRankKeyDim();
    int lowV = c.lowRankValueDim() == null ? 0 : c.lowRankValueDim();
    if (lowK > model.keyElementsPerToken(layer)) {
      throw new IllegalArgumentException("kv.low_rank_key_dim: " + lowK + " exceeds the model's "
          + model.keyElementsPerToken(layer) + " key channels per token");
    }
    if (lowV > model.valueElementsPerToken(layer)) {
      throw new IllegalArgumentException("kv.low_rank_value_dim: " + lowV + " exceeds the model's "
          + model.valueElementsPerToken(layer) + " value channels per token");
    }
    return new KvFormat(
        c.keyBits() == null ? 16 : c.keyBits(),
        c.valueBits() == null ? 16 : c.valueBits(),
        c.groupSize() == null ? 0 : c.groupSize(),
        c.keyAxis() == null ? QuantAxis.TOKEN : c.keyAxis(),
        c.valueAxis() == null ? QuantAxis.TOKEN : c.valueAxis(),
        c.residualTokens() == null ? 0 : c.residualTokens(),
        c.outlierFraction() == null ? 0 : c.outlierFraction(),
        Boolean.TRUE.equals(c.nonUniform()),
        c.errorRank() == null ? 0 : c.errorRank(),
        lowK,
        lowV);
  }

  private static TokenRetention retention(RetentionConfig r) {
    if (r == null) {
      return null;
    }
    return new TokenRetention(
        r.heavyRatio() == null ? 0 : r.heavyRatio(),
        r.recentRatio() == null ? 0 : r.recentRatio(),
        r.budgetTokens() == null ? 0 : r.budgetTokens(),
        r.sinkTokens() == null ? 0 : r.sinkTokens(),
        r.windowTokens() == null ? 0 : r.windowTokens());
  }

  private static HeadSplit headSplit(HeadsConfig h) {
    if (h == null) {
      return null;
    }
    return new HeadSplit(
        h.retrievalFraction() == null ? 1 : h.retrievalFraction(),
        h.sinkTokens() == null ? 0 : h.sinkTokens(),
        h.windowTokens() == null ? 0 : h.windowTokens(),
        Boolean.TRUE.equals(h.streamingPrefill()));
  }

  private static SparseRead sparseRead(SparseConfig s) {
    if (s == null) {
      return null;
    }
    return new SparseRead(
        s.budgetTokens() == null ? 0 : s.budgetTokens(),
        s.readFraction() == null ? 0 : s.readFraction(),
        s.chunkTokens() == null ? 0 : s.chunkTokens(),
        s.outlierChunkFraction() == null ? 0 : s.outlierChunkFraction());
  }

  private static TierFractions orGpu(TierFractions f) {
    return f == null ? TierFractions.onGpu() : f;
  }
}
