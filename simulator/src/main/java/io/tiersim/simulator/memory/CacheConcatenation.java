package io.tiersim.simulator.memory;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.CacheGrowth;
import io.tiersim.model.strategy.KvFormat;
import io.tiersim.model.strategy.LayerPolicy;

/**
 * What a cache grown by {@code torch.cat} ({@link CacheGrowth#CONCATENATED}) re-creates, per
 * sequence and layer, for the cost of each decode step and for the decode peak.
 *
 * <p>A plain cache is re-created whole every step (Hugging Face's {@code LlamaAttention} in
 * transformers 4.35.2: {@code key_states = torch.cat([past_key_value[0], key_states], dim=2)}, the
 * same for values). A quantised cache with an fp16 residual window, as KIVI's {@code
 * LlamaAttention_KIVI} keeps it, re-creates what it appends to: the key residual; the value
 * residual twice (the append, then {@code [:, :, 1:, :].contiguous()} as its oldest token leaves
 * the window); the packed values with their scales and minima, which take that token; and the
 * packed keys once per window, when the key residual is flushed into them.
 *
 * <p>Both return new tuples, and {@code LlamaModel.forward} collects them in {@code
 * next_decoder_cache} while {@code generate} still holds the previous step's tuple: at the end of
 * a step both caches are alive. The peak step of a residual window is a flush, which re-creates
 * everything but the (then empty) key residual.
 */
public final class CacheConcatenation {
  private CacheConcatenation() {}

  /** Bytes one decode step copies (each read once and written once) for one sequence, keys and values. */
  public static KvLayerBytes copiedPerStep(ModelArchitecture m, LayerPolicy p, long contextTokens, long promptTokens,
      int pagedBlockTokens) {
    KvLayerBytes kv = KvCacheSizer.layerBytes(m, p, contextTokens, promptTokens, pagedBlockTokens);
    KvFormat f = p.kv();
    if (!hasResidualWindow(f)) {
      return new KvLayerBytes(kv.keyBytes(), kv.valueBytes(), 0, 0);
    }
    KvLayerBytes window = KvCacheSizer.residualWindowBytes(m, p, contextTokens, promptTokens, pagedBlockTokens);
    // At least zero: a merged layer (MiniCache) keeps less than its window in full.
    double packedKeys = Math.max(0, kv.keyBytes() - window.keyBytes());
    double packedValues = Math.max(0, kv.valueBytes() - window.valueBytes());
    return new KvLayerBytes(window.keyBytes() + packedKeys / f.residualTokens(), 2 * window.valueBytes() + packedValues,
        0, 0);
  }

  /** Bytes of one sequence alive twice at the decode peak: the new copies of what the worst step re-creates. */
  public static KvLayerBytes duplicatedAtPeak(ModelArchitecture m, LayerPolicy p, long contextTokens,
      long promptTokens, int pagedBlockTokens) {
    KvLayerBytes kv = KvCacheSizer.layerBytes(m, p, contextTokens, promptTokens, pagedBlockTokens);
    if (!hasResidualWindow(p.kv())) {
      return new KvLayerBytes(kv.keyBytes(), kv.valueBytes(), 0, 0);
    }
    KvLayerBytes window = KvCacheSizer.residualWindowBytes(m, p, contextTokens, promptTokens, pagedBlockTokens);
    return new KvLayerBytes(Math.max(0, kv.keyBytes() - window.keyBytes()), kv.valueBytes(), 0, 0);
  }

  /** Kernels of one step's concatenations: keys and values, or with a residual window six. */
  public static int kernelsPerStep(LayerPolicy p) {
    return hasResidualWindow(p.kv()) ? 6 : 2;
  }

  private static boolean hasResidualWindow(KvFormat f) {
    return f.quantized() && f.residualTokens() > 0;
  }
}
