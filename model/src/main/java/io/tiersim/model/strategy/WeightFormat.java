package io.tiersim.model.strategy;

import io.tiersim.model.DataType;

/**
 * Resolved weight precision of a layer: {@code bits} per weight and, when quantised, one fp16
 * scale and one fp16 zero point per {@code groupSize} weights; {@code activationBits} 8 means the
 * GEMMs run on 8-bit tensor cores of {@code activationType} (int8 for W4A8, fp8 for FP8 W8A8)
 * with activations quantised per token, 16 in fp16.
 */
public record WeightFormat(int bits, int groupSize, int activationBits, DataType activationType) {
  public static final WeightFormat FP16 = new WeightFormat(16, 0);

  public WeightFormat {
    if (activationBits == 8 && activationType != DataType.INT8 && activationType != DataType.FP8) {
      throw new IllegalArgumentException("activation type: expected int8 or fp8 with 8-bit activations, got "
          + activationType);
    }
  }

  /** Weights at {@code bits} with fp16 activations. */
  public WeightFormat(int bits, int groupSize) {
    this(bits, groupSize, 16, null);
  }

  public boolean quantized() {
    return bits < 16;
  }

  /** Whether activations are quantised to 8 bits and the GEMMs use 8-bit tensor cores. */
  public boolean quantizedActivations() {
    return activationBits == 8;
  }
}
