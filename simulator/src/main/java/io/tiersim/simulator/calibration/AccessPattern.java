package io.tiersim.simulator.calibration;

import io.tiersim.model.hardware.MeasurementKind;

/**
 * How a kernel walks device memory, where measurements show that code reaches a rate of its own
 * rather than a streaming kernel's. Each pattern's rate counts the same bytes the cost model counts
 * for that kernel, so a measured rate prices it directly. A pattern without points on a system is
 * priced as a stream ({@link #STREAM}): the ceiling, never a guess below it.
 */
public enum AccessPattern {
  /** Contiguous reads and writes (copies, elementwise passes, reductions): the HBM curve. */
  STREAM(null),
  /**
   * GEMMs with few rows (decode projections and MLPs, the LM head): operand and result bytes per
   * second of cuBLAS, from the memory-bound points of the GEMM series.
   */
  WEIGHT_STREAMING(MeasurementKind.GEMM),
  /** Fused decode attention (FlashAttention, SDPA) over a contiguous cache: K and V bytes per second. */
  DECODE_ATTENTION(MeasurementKind.DECODE_ATTENTION),
  /**
   * Eager decode attention over a (tokens, batch x heads, head_dim) cache, FlexGen's layout: K and
   * V bytes per second of its two batched matmuls, mask and softmax.
   */
  EAGER_DECODE_ATTENTION(MeasurementKind.DECODE_ATTENTION_EAGER),
  /** FlexGen's eager 4-bit decompression of weights: traffic of its six passes per second. */
  EAGER_DECOMPRESS_WEIGHTS(MeasurementKind.EAGER_DECOMPRESS_WEIGHTS),
  /** FlexGen's eager 4-bit decompression of a KV cache: traffic of its six passes per second. */
  EAGER_DECOMPRESS_KV(MeasurementKind.EAGER_DECOMPRESS_KV);

  private final MeasurementKind kind;

  AccessPattern(MeasurementKind kind) {
    this.kind = kind;
  }

  /** The kind of measured point that calibrates this pattern; none for {@link #STREAM}, which the HBM points set. */
  public MeasurementKind kind() {
    return kind;
  }

  /** The fit's name in reports, e.g. {@code eager-decode-attention}. */
  public String fitName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
