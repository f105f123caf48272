package io.tiersim.simulator.cost;

import io.tiersim.model.DataType;
import io.tiersim.simulator.calibration.AccessPattern;

/**
 * What one GPU operator asks of the device, for the whole GPU batch and all GPUs together
 * (tensor parallelism divides it): FLOPs on tensor cores (of one operand type) and on CUDA cores,
 * bytes through HBM and through L2, how many kernels it launches, and how it walks HBM (which
 * sets the rate its HBM bytes move at).
 */
public record KernelWork(int kernels, double tensorFlops, DataType tensorType, double cudaFlops, double hbmBytes,
    double l2Bytes, AccessPattern access) {

  public KernelWork {
    if (kernels < 0 || tensorFlops < 0 || cudaFlops < 0 || hbmBytes < 0 || l2Bytes < 0) {
      throw new IllegalArgumentException("kernel work: expected non-negative counts, got " + kernels + " kernels, "
          + tensorFlops + " tensor FLOP, " + cudaFlops + " CUDA-core FLOP, " + hbmBytes + " HBM B, " + l2Bytes + " L2 B");
    }
    if (access == null) {
      throw new IllegalArgumentException("kernel work: expected an access pattern");
    }
  }

  /** Work that streams through HBM. */
  public KernelWork(int kernels, double tensorFlops, DataType tensorType, double cudaFlops, double hbmBytes,
      double l2Bytes) {
    this(kernels, tensorFlops, tensorType, cudaFlops, hbmBytes, l2Bytes, AccessPattern.STREAM);
  }

  /**
   * Matrix multiplications on tensor cores that read and write {@code hbmBytes}, at the rate cuBLAS
   * reaches on operands when it is memory-bound ({@link AccessPattern#WEIGHT_STREAMING}).
   */
  public static KernelWork tensor(int kernels, double flops, DataType type, double hbmBytes) {
    return new KernelWork(kernels, flops, type, 0, hbmBytes, 0, AccessPattern.WEIGHT_STREAMING);
  }

  /** Elementwise or reduction kernels on CUDA cores streaming {@code hbmBytes}. */
  public static KernelWork streaming(int kernels, double cudaFlops, double hbmBytes) {
    return new KernelWork(kernels, 0, DataType.FP16, cudaFlops, hbmBytes, 0);
  }
}
