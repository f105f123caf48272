package io.tiersim.model.strategy;

/** Where attention runs, which kernel computes it, and how its implementation grows the cache. */
public record AttentionConfig(AttentionSite site, AttentionKernel kernel, CacheGrowth cacheGrowth) {
  public AttentionConfig(AttentionSite site, AttentionKernel kernel) {
    this(site, kernel, null);
  }

  AttentionConfig over(AttentionConfig base) {
    if (base == null) {
      return this;
    }
    return new AttentionConfig(site != null ? site : base.site, kernel != null ? kernel : base.kernel,
        cacheGrowth != null ? cacheGrowth : base.cacheGrowth);
  }
}
