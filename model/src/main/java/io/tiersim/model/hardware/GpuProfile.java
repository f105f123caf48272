package io.tiersim.model.hardware;

import io.tiersim.model.DataType;
import io.tiersim.model.io.Require;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One GPU model: the vendor datasheet's ceilings (memory capacity and bandwidth, dense tensor-core
 * peaks, FP32 CUDA-core peak, SMs, caches) plus the microbenchmarks that show what code reaches on
 * it. Capacities follow NVIDIA's convention that an "80 GB" part holds 80 GiB.
 *
 * @param tensorTflopsDense dense (not 2:4 sparse) tensor-core peaks by operand type
 * @param tensorUnsupported types the GPU's tensor cores lack even when a sibling type is listed
 *     (a T4 has fp16 but no bf16)
 * @param tdpW board power, or null when not recorded
 */
public record GpuProfile(
    String id,
    String name,
    String memoryKind,
    SourcedValue hbmCapacityGib,
    SourcedValue hbmBandwidthGbS,
    Map<DataType, SourcedValue> tensorTflopsDense,
    Set<DataType> tensorUnsupported,
    SourcedValue cudaCoreFp32Tflops,
    SourcedValue smCountSourced,
    SourcedValue l2Mib,
    SourcedValue smemPerSmKib,
    SourcedValue tdpW,
    List<MeasuredPoint> measured) {

  public GpuProfile {
    Require.nonBlank(id, "id");
    Require.nonBlank(name, "name");
    Require.nonBlank(memoryKind, "memory_kind");
    SourcedValue.positive(hbmCapacityGib, "hbm_capacity_gib");
    SourcedValue.positive(hbmBandwidthGbS, "hbm_bandwidth_gb_s");
    Require.nonEmpty(Require.present(tensorTflopsDense, "tensor_tflops_dense").keySet(), "tensor_tflops_dense");
    tensorTflopsDense.forEach((t, v) -> SourcedValue.positive(v, "tensor_tflops_dense." + t.key()));
    tensorTflopsDense = Collections.unmodifiableMap(new EnumMap<>(tensorTflopsDense));
    tensorUnsupported = tensorUnsupported == null || tensorUnsupported.isEmpty()
        ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(tensorUnsupported));
    for (DataType t : tensorUnsupported) {
      if (tensorTflopsDense.containsKey(t)) {
        throw new IllegalArgumentException("unsupported: " + t + " is listed both with a peak and as unsupported");
      }
    }
    SourcedValue.positive(cudaCoreFp32Tflops, "cuda_core_fp32_tflops");
    SourcedValue.count(smCountSourced, "sm_count");
    SourcedValue.positive(l2Mib, "l2_mib");
    SourcedValue.positive(smemPerSmKib, "smem_per_sm_kib");
    measured = measured == null ? List.of() : List.copyOf(measured);
  }

  /** HBM (or GDDR) capacity in bytes: GiB times 2^30. */
  public long hbmCapacityBytes() {
    return Math.round(hbmCapacityGib.times(Units.GIB));
  }

  /** Spec peak memory bandwidth, bytes/s; see {@link #measured()} for what kernels reach. */
  public double hbmBandwidthBytesPerS() {
    return hbmBandwidthGbS.times(Units.GB);
  }

  /** Whether the tensor cores take this operand type (directly or by the fp16/bf16 fallback). */
  public boolean supports(DataType type) {
    return tensorPeak(type) != null;
  }

  /**
   * Dense tensor-core peak for an operand type, FLOP/s (OP/s for integers). bf16 falls back to the
   * fp16 peak and vice versa when only one is given, since every part listed runs both at one rate.
   *
   * @throws IllegalArgumentException when the GPU has no tensor-core path for the type
   */
  public double peakTensorFlopsPerS(DataType type) {
    SourcedValue v = tensorPeak(type);
    if (v == null) {
      throw new IllegalArgumentException("GPU '" + id + "' has no dense tensor-core peak for " + type
          + "; it supports: " + supportedTypes());
    }
    return v.times(Units.TERA);
  }

  private SourcedValue tensorPeak(DataType type) {
    if (type == null || tensorUnsupported.contains(type)) {
      return null;
    }
    SourcedValue direct = tensorTflopsDense.get(type);
    if (direct != null) {
      return direct;
    }
    if (type == DataType.BF16) {
      return tensorTflopsDense.get(DataType.FP16);
    }
    if (type == DataType.FP16) {
      return tensorTflopsDense.get(DataType.BF16);
    }
    return null;
  }

  private String supportedTypes() {
    return java.util.Arrays.stream(DataType.values()).filter(this::supports)
        .map(DataType::key).collect(Collectors.joining(", "));
  }

  /** FP32 peak of the non-tensor CUDA cores (or AMD vector ALUs), FLOP/s; prices dequantisation. */
  public double cudaCoreFlopsPerS() {
    return cudaCoreFp32Tflops.times(Units.TERA);
  }

  public long l2Bytes() {
    return Math.round(l2Mib.times(Units.MIB));
  }

  public long smemPerSmBytes() {
    return Math.round(smemPerSmKib.times(Units.KIB));
  }

  /** Streaming multiprocessors (NVIDIA) or compute units (AMD). */
  public int smCount() {
    return (int) smCountSourced.value();
  }
}
