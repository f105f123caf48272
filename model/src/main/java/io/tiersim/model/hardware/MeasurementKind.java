package io.tiersim.model.hardware;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a measured point measures, and so which unit its value has: a bandwidth (bytes/s), a
 * compute rate (FLOP/s) or a latency (s). Keys in files are lowercase snake case ({@code h2d_pinned}).
 */
public enum MeasurementKind {
  HBM_READ(Quantity.BANDWIDTH),
  /** Device-to-device copy; the value counts bytes read plus bytes written. */
  HBM_COPY(Quantity.BANDWIDTH),
  HBM_WRITE(Quantity.BANDWIDTH),
  L2_READ(Quantity.BANDWIDTH),
  H2D_PINNED(Quantity.BANDWIDTH),
  D2H_PINNED(Quantity.BANDWIDTH),
  H2D_PAGEABLE(Quantity.BANDWIDTH),
  D2H_PAGEABLE(Quantity.BANDWIDTH),
  GEMM(Quantity.COMPUTE),
  NVLINK_P2P(Quantity.BANDWIDTH),
  /** GPU-to-GPU copy over PCIe, without NVLink. */
  PCIE_P2P(Quantity.BANDWIDTH),
  SSD_READ(Quantity.BANDWIDTH),
  SSD_WRITE(Quantity.BANDWIDTH),
  KERNEL_LAUNCH(Quantity.LATENCY),
  /** Effective CPU compute rate, e.g. FlexGen's fitted CPU attention FLOP/s. */
  CPU_COMPUTE(Quantity.COMPUTE),
  /** Random reads from local NVMe at one size, one request in flight (SSD_READ is sequential). */
  SSD_RANDOM_READ(Quantity.BANDWIDTH),
  /** Decode attention over a bf16 cache: K and V bytes read per second of the attention kernel. */
  DECODE_ATTENTION(Quantity.BANDWIDTH),
  /** Causal prefill attention: the causal half of 4 P^2 d H FLOP per second. */
  PREFILL_ATTENTION(Quantity.COMPUTE),
  /** Dequantise a group-wise quantised cache, then attend: cache bytes (codes, scales, residual) per second. */
  KV_DEQUANT_ATTENTION(Quantity.BANDWIDTH),
  /** Top-k selection over attention scores: score bytes scanned per second. */
  TOPK(Quantity.BANDWIDTH),
  /** Scattered KV chunks from pinned host memory to the GPU, one copy per chunk; the size is the chunk. */
  KV_GATHER(Quantity.BANDWIDTH),
  /**
   * Eager decode attention as FlexGen's and H2O's {@code mha_gen} run it: {@code torch.bmm} on
   * permuted views of a cache laid out (tokens, batch x heads, head_dim), a mask, a softmax and a
   * second {@code bmm}; K and V bytes read per second. Each head's keys are head_dim-wide rows a
   * batch x heads x head_dim stride apart, an access pattern a streaming read does not show.
   */
  DECODE_ATTENTION_EAGER(Quantity.BANDWIDTH),
  /**
   * FlexGen's eager 4-bit group-wise decompression ({@code compression.py}) of weights, groups along
   * the rows: the HBM traffic of its six passes (13 bytes per element) per second.
   */
  EAGER_DECOMPRESS_WEIGHTS(Quantity.BANDWIDTH),
  /**
   * The same decompression of a KV cache, groups along head_dim, where the two unpacking copies
   * write every other fp16 element: the HBM traffic of its six passes (13 bytes per element) per second.
   */
  EAGER_DECOMPRESS_KV(Quantity.BANDWIDTH);

  /** The physical quantity a kind's value has. */
  public enum Quantity { BANDWIDTH, COMPUTE, LATENCY }

  private final Quantity quantity;

  MeasurementKind(Quantity quantity) {
    this.quantity = quantity;
  }

  public Quantity quantity() {
    return quantity;
  }

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static MeasurementKind fromKey(String key) {
    for (MeasurementKind k : values()) {
      if (k.key().equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("kind: expected one of "
        + Arrays.stream(values()).map(MeasurementKind::key).collect(Collectors.joining(", "))
        + ", got '" + key + "'");
  }

  @Override
  public String toString() {
    return key();
  }
}
