package io.tiersim.model.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an implementation adds each new token to the KV cache. {@code PREALLOCATED}: the cache is
 * allocated at its final length and each token is written in place (FlexGen and H2O's code, vLLM,
 * TensorRT-LLM, the probe's model). {@code CONCATENATED}: every step builds new tensors holding the
 * old cache and the new token with {@code torch.cat}, so the cache is copied once per step
 * (Hugging Face transformers' tuple cache, e.g. {@code LlamaAttention.forward} in 4.35.2, and
 * KIVI's reference code for its fp16 residual and packed values).
 */
public enum CacheGrowth {
  @JsonProperty("preallocated") PREALLOCATED,
  @JsonProperty("concatenated") CONCATENATED;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
