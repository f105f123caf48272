package io.tiersim.model.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a quantised KV cache (and quantised weights) become fp16 again. {@code FUSED}: inside the
 * attention kernel or GEMM, in registers (KIVI's and QServe's kernels, FlashInfer). {@code EAGER}:
 * into an fp16 copy by separate elementwise kernels first, which the attention kernel or GEMM then
 * reads (FlexGen's {@code compression.py}, and the probe's torch reference before SDPA). A
 * materialised attention kernel implies eager code unless the strategy says otherwise.
 */
public enum KvDequantization {
  @JsonProperty("fused") FUSED,
  @JsonProperty("eager") EAGER;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
