package io.tiersim.model.strategy;

import io.tiersim.model.DataType;
import io.tiersim.model.io.Require;

/**
 * Weight precision: {@code bits} 16 is unquantised; fewer bits are group-wise quantised with an
 * fp16 scale and zero point per {@code group_size} weights (FlexGen's and AWQ's layout).
 * {@code activation_bits} 8 runs the GEMMs on 8-bit tensor cores with activations quantised per
 * token: int8 by default (QServe's W4A8), or fp8 with {@code activation_type: fp8} (FP8 W8A8
 * serving on Hopper); 16, the default, dequantises weights to fp16 inside the GEMM.
 */
public record WeightsConfig(Integer bits, Integer groupSize, Integer activationBits, DataType activationType) {
  @com.fasterxml.jackson.annotation.JsonCreator
  public WeightsConfig {
    if (activationBits != null && activationBits != 8 && activationBits != 16) {
      throw new IllegalArgumentException("activation_bits: expected 8 or 16, got " + activationBits);
    }
    if (activationType != null && activationType != DataType.INT8 && activationType != DataType.FP8) {
      throw new IllegalArgumentException("activation_type: expected int8 or fp8, got " + activationType);
    }
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
    return new WeightsConfig(bits != null ? bits : base.bits, groupSize != null ? groupSize : base.groupSize,
        activationBits != null ? activationBits : base.activationBits,
        activationType != null ? activationType : base.activationType);
  }

  /** Weight bits and group size, activations in fp16. */
  public WeightsConfig(Integer bits, Integer groupSize) {
    this(bits, groupSize, null, null);
  }
}
