package io.tiersim.model.hardware;

import io.tiersim.model.DataType;
import io.tiersim.model.io.Require;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@code gpus/<id>.yaml} file as written; {@link #toProfile()} turns it into a {@link GpuProfile}. */
record GpuFile(
    String id,
    String name,
    String memoryKind,
    SourcedValue hbmCapacityGib,
    SourcedValue hbmBandwidthGbS,
    TensorTflops tensorTflopsDense,
    SourcedValue cudaCoreFp32Tflops,
    SourcedValue smCount,
    SourcedValue l2Mib,
    SourcedValue smemPerSmKib,
    SourcedValue tdpW,
    List<MeasuredPointFile> measured) {

  GpuFile {
    Require.nonBlank(id, "id");
    Require.nonBlank(name, "name");
    Require.nonBlank(memoryKind, "memory_kind");
    SourcedValue.positive(hbmCapacityGib, "hbm_capacity_gib");
    SourcedValue.positive(hbmBandwidthGbS, "hbm_bandwidth_gb_s");
    Require.present(tensorTflopsDense, "tensor_tflops_dense");
    SourcedValue.positive(cudaCoreFp32Tflops, "cuda_core_fp32_tflops");
    SourcedValue.count(smCount, "sm_count");
    SourcedValue.positive(l2Mib, "l2_mib");
    SourcedValue.positive(smemPerSmKib, "smem_per_sm_kib");
    measured = measured == null ? List.of() : measured;
    for (int i = 0; i < measured.size(); i++) {
      Require.present(measured.get(i), "measured[" + i + "]");
    }
  }

  /** Dense tensor-core peaks in TFLOPS (TOPS for integers), one optional field per operand type. */
  record TensorTflops(
      SourcedValue tf32,
      SourcedValue fp16,
      SourcedValue bf16,
      SourcedValue fp8,
      SourcedValue int8,
      SourcedValue int4,
      List<DataType> unsupported) {

    TensorTflops {
      if (byType(tf32, fp16, bf16, fp8, int8, int4).isEmpty()) {
        throw new IllegalArgumentException("fp16: expected at least one tensor-core peak (tf32, fp16, bf16, fp8, int8, int4)");
      }
      unsupported = unsupported == null ? List.of() : unsupported;
      Map<DataType, SourcedValue> given = byType(tf32, fp16, bf16, fp8, int8, int4);
      for (DataType t : unsupported) {
        Require.present(t, "unsupported");
        if (given.containsKey(t)) {
          throw new IllegalArgumentException("unsupported: " + t + " has a peak above; list it in one place only");
        }
      }
    }

    Map<DataType, SourcedValue> asMap() {
      return byType(tf32, fp16, bf16, fp8, int8, int4);
    }

    private static Map<DataType, SourcedValue> byType(SourcedValue... values) {
      DataType[] types = {DataType.TF32, DataType.FP16, DataType.BF16, DataType.FP8, DataType.INT8, DataType.INT4};
      Map<DataType, SourcedValue> map = new EnumMap<>(DataType.class);
      for (int i = 0; i < types.length; i++) {
        if (values[i] != null) {
          map.put(types[i], values[i]);
        }
      }
      return map;
    }
  }

  GpuProfile toProfile() {
    List<MeasuredPoint> points = measured.stream().map(MeasuredPointFile::toPoint).toList();
    return new GpuProfile(id, name, memoryKind, hbmCapacityGib, hbmBandwidthGbS, tensorTflopsDense.asMap(),
        Set.copyOf(tensorTflopsDense.unsupported()), cudaCoreFp32Tflops, smCount, l2Mib, smemPerSmKib, tdpW, points);
  }
}
