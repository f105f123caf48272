package io.tiersim.model.strategy;

/**
 * Where attention runs, which kernel computes it, and how its implementation grows the cache and
 * turns a quantised cache back into fp16.
 */
public record AttentionConfig(AttentionSite site, AttentionKernel kernel, CacheGrowth cacheGrowth,
    KvDequantization dequantize) {
  public AttentionConfig(AttentionSite site, AttentionKernel kernel) {
    this(site, kernel, null, null);
  }

  AttentionConfig over(AttentionConfig base) {
    if (base == null) {
      return this;
    }
    return new AttentionConfig(site != null ? site : base.site, kernel != null ? kernel : base.kernel,
        cacheGrowth != null ? cacheGrowth : base.cacheGrowth, dequantize != null ? dequantize : base.dequantize);
  }
}
