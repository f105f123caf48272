package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/** Knobs that apply only to a range of layers, over the strategy's own. */
public record LayerOverride(
    LayerRange range,
    WeightsConfig weights,
    KvConfig kv,
    RetentionConfig retention,
    HeadsConfig heads,
    SparseConfig sparse,
    AttentionConfig attention,
    TierFractions kvCache) {
  public LayerOverride {
    Require.present(range, "range");
  }
}
