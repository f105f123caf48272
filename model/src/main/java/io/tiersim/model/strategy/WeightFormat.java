package io.tiersim.model.strategy;

/**
 * Resolved weight precision of a layer: {@code bits} per weight and, when quantised, one fp16
 * scale and one fp16 zero point per {@code groupSize} weights; {@code activationBits} 8 means the
 * GEMMs run on int8 tensor cores with activations quantised per token (W4A8), 16 in fp16.
 */
public record WeightFormat(int bits, int groupSize, int activationBits) {
  public static final WeightFormat FP16 = new WeightFormat(16, 0);

  /** Weights at {@code bits} with fp16 activations. */
  public WeightFormat(int bits, int groupSize) {
    this(bits, groupSize, 16);
  }

  public boolean quantized() {
    return bits < 16;
  }

  /** Whether activations are quantised to int8 and the GEMMs use int8 tensor cores. */
  public boolean int8Activations() {
    return activationBits == 8;
  }
}
