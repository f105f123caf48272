package io.tiersim.model.strategy;

/**
 * Everything a strategy decides for one layer, fully resolved: weight precision and placement,
 * the KV representation, token retention, head split, sparse reads, cross-layer merging, where
 * keys and values live, and where and how attention runs.
 *
 * @param mergedWithPrevious the layer shares the previous layer's merged KV (MiniCache) and keeps
 *     only per-token magnitudes plus {@code mergeRetainedFraction} of its tokens unmerged
 * @param attentionWindow the architecture's sliding window for this layer in tokens (its cache keeps
 *     no more), 0 when the layer attends to the whole context
 */
public record LayerPolicy(
    int layer,
    WeightFormat weights,
    TierFractions weightPlacement,
    KvFormat kv,
    TokenRetention retention,
    HeadSplit heads,
    SparseRead sparse,
    boolean mergedWithPrevious,
    double mergeRetainedFraction,
    TierFractions keyPlacement,
    TierFractions valuePlacement,
    AttentionSite site,
    AttentionKernel kernel,
    CacheGrowth growth,
    KvDequantization dequantization,
    int attentionWindow) {

  /** The same policy for another layer index (layers that share a policy). */
  public LayerPolicy atLayer(int index) {
    return new LayerPolicy(index, weights, weightPlacement, kv, retention, heads, sparse, mergedWithPrevious,
        mergeRetainedFraction, keyPlacement, valuePlacement, site, kernel, growth, dequantization, attentionWindow);
  }

  /** The same policy without token retention. */
  public LayerPolicy withoutRetention() {
    return new LayerPolicy(layer, weights, weightPlacement, kv, null, heads, sparse, mergedWithPrevious,
        mergeRetainedFraction, keyPlacement, valuePlacement, site, kernel, growth, dequantization, attentionWindow);
  }

  /** The same policy keeping its own KV rather than sharing the previous layer's (MiniCache off). */
  public LayerPolicy unmerged() {
    return new LayerPolicy(layer, weights, weightPlacement, kv, retention, heads, sparse, false, 0, keyPlacement,
        valuePlacement, site, kernel, growth, dequantization, attentionWindow);
  }
}
