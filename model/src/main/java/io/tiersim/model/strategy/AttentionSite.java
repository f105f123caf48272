package io.tiersim.model.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where decode attention runs: on the GPU, on the host CPU (FlexGen), or inside CSDs (InstInfer). */
public enum AttentionSite {
  @JsonProperty("gpu") GPU,
  @JsonProperty("cpu") CPU,
  @JsonProperty("csd") CSD;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
