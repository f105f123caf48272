package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;

/**
 * How an end-to-end setting stored its KV cache, in tiersim's terms: where ({@code gpu} or
 * {@code cpu_pinned}), the layout ({@code contiguous}, {@code ring} for sink+window,
 * {@code quantized_with_residual} for KIVI), bit widths and grouping, and the bytes it held.
 * Fields that do not apply to the layout are null.
 *
 * @param capacityTokens cache slots per sequence (a ring stops at sink + window)
 */
public record KvCacheSetup(
    String placement,
    String layout,
    String dtype,
    Integer keyBits,
    Integer valueBits,
    Integer groupSize,
    String keyAxis,
    String valueAxis,
    Integer residualTokens,
    Integer sinkTokens,
    Integer windowTokens,
    Long capacityTokens,
    Long bytes) {

  public KvCacheSetup {
    Require.nonBlank(placement, "placement");
    Require.nonBlank(layout, "layout");
    Require.nonBlank(dtype, "dtype");
    if (capacityTokens != null) {
      Require.positive(capacityTokens, "capacity_tokens");
    }
    if (bytes != null) {
      Require.positive(bytes, "bytes");
    }
  }
}
