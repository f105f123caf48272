package io.tiersim.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiersim.model.io.Require;

/**
 * The serving engine's batching knobs (vLLM and Sarathi-Serve's): a token budget per iteration
 * shared by decode tokens and chunks of prefill, a cap on running sequences, the paged KV block,
 * how a sequence is preempted when blocks run out, and shared-prefix reuse.
 *
 * @param maxBatchTokens tokens one iteration may process (decode tokens plus prefill chunk tokens)
 * @param maxSequences sequences running at once
 * @param chunkedPrefill split prompts into chunks that fill the budget left by decodes
 *     (Sarathi-Serve); false admits whole prompts only
 * @param blockTokens paged KV block in tokens; null takes the strategy's {@code paged_block_tokens},
 *     else 16 (vLLM's default)
 * @param preemption {@code recompute} drops a preempted sequence's KV and prefills it again;
 *     {@code swap} copies its blocks to host memory and back
 * @param swapBlocksPerTransfer blocks moved per host-link copy when swapping: 1 is vLLM's
 *     per-block copy, larger values FastSwitch's grouped transfers
 * @param prefixCaching a shared prefix is prefilled and stored once per group while resident
 * @param sharedPrefixAttention decode attention reads a shared prefix once per group and step
 *     (Hydragen, BatchLLM) instead of once per sequence
 * @param kvMemoryFraction share of the GPU memory left after weights and activations that holds KV
 *     blocks (vLLM's {@code gpu_memory_utilization} plays this part)
 */
public record SchedulerConfig(
    Integer maxBatchTokens,
    Integer maxSequences,
    Boolean chunkedPrefill,
    Integer blockTokens,
    Preemption preemption,
    Integer swapBlocksPerTransfer,
    Boolean prefixCaching,
    Boolean sharedPrefixAttention,
    Double kvMemoryFraction) {

  /** What happens to a sequence evicted for lack of KV blocks. */
  public enum Preemption {
    @JsonProperty("recompute") RECOMPUTE,
    @JsonProperty("swap") SWAP
  }

  public SchedulerConfig {
    maxBatchTokens = Require.positive(maxBatchTokens == null ? 8192 : maxBatchTokens, "max_batch_tokens");
    maxSequences = Require.positive(maxSequences == null ? 256 : maxSequences, "max_sequences");
    chunkedPrefill = chunkedPrefill == null || chunkedPrefill;
    if (blockTokens != null) {
      Require.positive(blockTokens, "block_tokens");
    }
    preemption = preemption == null ? Preemption.RECOMPUTE : preemption;
    swapBlocksPerTransfer = Require.positive(swapBlocksPerTransfer == null ? 1 : swapBlocksPerTransfer,
        "swap_blocks_per_transfer");
    prefixCaching = prefixCaching == null || prefixCaching;
    sharedPrefixAttention = sharedPrefixAttention != null && sharedPrefixAttention;
    kvMemoryFraction = Require.fraction(kvMemoryFraction == null ? 1.0 : kvMemoryFraction, "kv_memory_fraction");
    if (kvMemoryFraction == 0) {
      throw new IllegalArgumentException("kv_memory_fraction: expected a fraction above 0, got 0");
    }
  }

  public static SchedulerConfig defaults() {
    return new SchedulerConfig(null, null, null, null, null, null, null, null, null);
  }
}
