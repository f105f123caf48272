package io.tiersim.model.strategy;

import io.tiersim.model.io.Require;

/**
 * Weight precision: {@code bits} 16 is unquantised; fewer bits are group-wise quantised with an
 * fp16 scale and zero point per {@code group_size} weights (FlexGen's and AWQ's layout).
 */
public record WeightsConfig(Integer bits, Integer groupSize) {
  public WeightsConfig {
    if (bits != null) {
      Require.inRange(bits, 1, 16, "bits");
    }
    if (groupSize != null) {
      Require.positive(groupSize, "group_size");
    }
  }

  WeightsConfig over(WeightsConfig base) {
    if (base == null) {
      return this;
    }
    return new WeightsConfig(bits != null ? bits : base.bits, groupSize != null ? groupSize : base.groupSize);
  }
}
