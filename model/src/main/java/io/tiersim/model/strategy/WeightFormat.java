package io.tiersim.model.strategy;

/**
 * Resolved weight precision of a layer: {@code bits} per weight and, when quantised, one fp16
 * scale and one fp16 zero point per {@code groupSize} weights.
 */
public record WeightFormat(int bits, int groupSize) {
  public static final WeightFormat FP16 = new WeightFormat(16, 0);

  public boolean quantized() {
    return bits < 16;
  }
}
