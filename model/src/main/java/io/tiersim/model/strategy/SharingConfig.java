package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * Cross-layer KV sharing (MiniCache): from layer {@code from_layer_fraction} x layers on, adjacent
 * layers are merged in pairs; the second of each pair keeps only per-token magnitudes and the
 * {@code retained_fraction} of tokens too distinct to merge.
 */
public record SharingConfig(Boolean enabled, Double fromLayerFraction, Double retainedFraction) {
  public SharingConfig {
    if (fromLayerFraction != null) {
      Require.fraction(fromLayerFraction, "from_layer_fraction");
    }
    if (retainedFraction != null) {
      Require.fraction(retainedFraction, "retained_fraction");
    }
  }

  SharingConfig over(SharingConfig base) {
    if (base == null) {
      return this;
    }
    return new SharingConfig(enabled != null ? enabled : base.enabled,
        fromLayerFraction != null ? fromLayerFraction : base.fromLayerFraction,
        retainedFraction != null ? retainedFraction : base.retainedFraction);
  }
}
