package io.tiersim.model.hardware;

import io.tiersim.model.io.Require;

/**
 * The host CPU(s): physical cores and the FP32 peak of all sockets (cores x clock x SIMD FLOP per
 * cycle, per the vendor's core description), used to price CPU-side attention and dequantisation.
 */
public record CpuProfile(String name, SourcedValue coreCount, SourcedValue fp32Tflops) {

  public CpuProfile {
    Require.nonBlank(name, "name");
    SourcedValue.count(coreCount, "core_count");
    SourcedValue.positive(fp32Tflops, "fp32_tflops");
  }

  /** Physical cores over all sockets (hyperthreads not counted). */
  public int cores() {
    return (int) coreCount.value();
  }

  public double flopsPerS() {
    return fp32Tflops.times(Units.TERA);
  }
}
