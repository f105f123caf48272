package io.tiersim.model.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How attention is computed. {@code MATERIALIZED} writes the batch x heads x query x key score
 * matrix to memory (eager PyTorch, and any method that must read the probabilities, like H2O);
 * {@code FLASH} keeps scores in on-chip SRAM (FlashAttention).
 */
public enum AttentionKernel {
  @JsonProperty("flash") FLASH,
  @JsonProperty("materialized") MATERIALIZED;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
