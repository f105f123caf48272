package io.tiersim.model.strategy;

/**
 * Everything a strategy decides for one layer, fully resolved: weight precision and placement,
 * the KV representation, token retention, head split, sparse reads, cross-layer merging, where
 * keys and values live, and where and how attention runs.
 *
 * @param mergedWithPrevious the layer shares the previous layer's merged KV (MiniCache) and keeps
 *     only per-token magnitudes plus {@code mergeRetainedFraction} of its tokens unmerged
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
    AttentionKernel kernel) {}
