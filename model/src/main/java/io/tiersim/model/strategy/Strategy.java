package io.tiersim.model.strategy;

import io.tiersim.model.Tier;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A fully resolved strategy: one {@link LayerPolicy} per layer plus the settings that apply to the
 * whole run (activation placement, FlexGen's block schedule, overlap, paged allocation).
 *
 * @param embeddingWeights format of the token embedding and LM head (quantised only by FlexGen's
 *     compression, which covers every 2-D weight)
 * @param gpuBatchSize sequences per GPU batch of FlexGen's block schedule; 0 means the whole batch
 * @param numGpuBatches GPU batches per block; the effective batch is their product
 * @param pagedBlockTokens KV allocation block in tokens (vLLM's 16); 0 means contiguous
 * @param pinKvCache whether the host-resident part of the KV cache is in pinned memory
 */
public record Strategy(
    String name,
    String preset,
    String citation,
    List<LayerPolicy> layers,
    WeightFormat embeddingWeights,
    TierFractions embeddingPlacement,
    TierFractions activationPlacement,
    int gpuBatchSize,
    int numGpuBatches,
    boolean overlap,
    boolean pinWeights,
    int pagedBlockTokens,
    boolean pinKvCache) {

  public Strategy {
    layers = List.copyOf(layers);
  }

  /** A strategy whose host-resident KV cache is pinned. */
  public Strategy(String name, String preset, String citation, List<LayerPolicy> layers, WeightFormat embeddingWeights,
      TierFractions embeddingPlacement, TierFractions activationPlacement, int gpuBatchSize, int numGpuBatches,
      boolean overlap, boolean pinWeights, int pagedBlockTokens) {
    this(name, preset, citation, layers, embeddingWeights, embeddingPlacement, activationPlacement, gpuBatchSize,
        numGpuBatches, overlap, pinWeights, pagedBlockTokens, true);
  }

  public LayerPolicy layer(int index) {
    return layers.get(index);
  }

  /** The tiers this strategy puts bytes on or computes in, so a system lacking one is refused up front. */
  public Set<Tier> requiredTiers() {
    Set<Tier> tiers = EnumSet.noneOf(Tier.class);
    addTiers(tiers, embeddingPlacement);
    addTiers(tiers, activationPlacement);
    for (LayerPolicy p : layers) {
      addTiers(tiers, p.weightPlacement());
      addTiers(tiers, p.keyPlacement());
      addTiers(tiers, p.valuePlacement());
      if (p.site() == AttentionSite.CPU) {
        tiers.add(Tier.CPU);
      } else if (p.site() == AttentionSite.CSD) {
        tiers.add(Tier.CSD);
      }
    }
    return tiers;
  }

  private static void addTiers(Set<Tier> into, TierFractions f) {
    for (Tier t : Tier.values()) {
      if (f.of(t) > 0) {
        into.add(t);
      }
    }
  }
}
