package io.tiersim.model.strategy;

/** Where attention runs and which kernel computes it. */
public record AttentionConfig(AttentionSite site, AttentionKernel kernel) {
  AttentionConfig over(AttentionConfig base) {
    if (base == null) {
      return this;
    }
    return new AttentionConfig(site != null ? site : base.site, kernel != null ? kernel : base.kernel);
  }
}
