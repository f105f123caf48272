package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * FlexGen's offloading policy, spelled as FlexGen writes it: placement fractions of weights, KV
 * cache and activations across GPU, CPU and disk (and CSD, for InstInfer), the block schedule's GPU
 * batch size times number of GPU batches, CPU attention, and 4-bit group-wise compression of
 * weights and KV. {@code kv_values} places the value half of the cache apart from the keys
 * (ShadowKV keeps values on the host); {@code overlap} turns I/O-compute overlap off for ablations;
 * {@code pin_weights} and {@code pin_kv_cache} say whether host-resident weights and KV live in
 * pinned memory (FlexGen allocates its host KV cache unpinned, "due to high memory overhead").
 */
public record OffloadConfig(
    TierFractions weights,
    TierFractions kvCache,
    TierFractions kvValues,
    TierFractions activations,
    Integer gpuBatchSize,
    Integer numGpuBatches,
    Boolean cpuAttention,
    Boolean compressWeights,
    Boolean compressKvCache,
    Boolean overlap,
    Boolean pinWeights,
    Boolean pinKvCache) {

  @com.fasterxml.jackson.annotation.JsonCreator
  public OffloadConfig {
    if (gpuBatchSize != null) {
      Require.positive(gpuBatchSize, "gpu_batch_size");
    }
    if (numGpuBatches != null) {
      Require.positive(numGpuBatches, "num_gpu_batches");
    }
  }

  OffloadConfig over(OffloadConfig base) {
    if (base == null) {
      return this;
    }
    return new OffloadConfig(
        weights != null ? weights : base.weights,
        kvCache != null ? kvCache : base.kvCache,
        kvValues != null ? kvValues : (kvCache != null ? null : base.kvValues),
        activations != null ? activations : base.activations,
        gpuBatchSize != null ? gpuBatchSize : base.gpuBatchSize,
        numGpuBatches != null ? numGpuBatches : base.numGpuBatches,
        cpuAttention != null ? cpuAttention : base.cpuAttention,
        compressWeights != null ? compressWeights : base.compressWeights,
        compressKvCache != null ? compressKvCache : base.compressKvCache,
        overlap != null ? overlap : base.overlap,
        pinWeights != null ? pinWeights : base.pinWeights,
        pinKvCache != null ? pinKvCache : base.pinKvCache);
  }

  /** A policy without the KV pinning choice (pinned, the default). */
  public OffloadConfig(TierFractions weights, TierFractions kvCache, TierFractions kvValues, TierFractions activations,
      Integer gpuBatchSize, Integer numGpuBatches, Boolean cpuAttention, Boolean compressWeights,
      Boolean compressKvCache, Boolean overlap, Boolean pinWeights) {
    this(weights, kvCache, kvValues, activations, gpuBatchSize, numGpuBatches, cpuAttention, compressWeights,
        compressKvCache, overlap, pinWeights, null);
  }
}
