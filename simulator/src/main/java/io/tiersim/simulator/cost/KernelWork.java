package io.tiersim.simulator.cost;

import io.tiersim.model.DataType;

/**
 * What one GPU operator asks of the device, for the whole GPU batch and all GPUs together
 * (tensor parallelism divides it): FLOPs on tensor cores (of one operand type) and on CUDA cores,
 * bytes through HBM and through L2, and how many kernels it launches.
 */
public record KernelWork(int kernels, double tensorFlops, DataType tensorType, double cudaFlops, double hbmBytes,
    double l2Bytes) {

  public KernelWork {
    if (kernels < 0 || tensorFlops < 0 || cudaFlops < 0 || hbmBytes < 0 || l2Bytes < 0) {
      throw new IllegalArgumentException("kernel work: expected non-negative counts, got " + kernels + " kernels, "
          + tensorFlops + " tensor FLOP, " + cudaFlops + " CUDA-core FLOP, " + hbmBytes + " HBM B, " + l2Bytes + " L2 B");
    }
  }

  /** Matrix multiplications on tensor cores that read and write {@code hbmBytes}. */
  public static KernelWork tensor(int kernels, double flops, DataType type, double hbmBytes) {
    return new KernelWork(kernels, flops, type, 0, hbmBytes, 0);
  }

  /** Elementwise or reduction kernels on CUDA cores streaming {@code hbmBytes}. */
  public static KernelWork streaming(int kernels, double cudaFlops, double hbmBytes) {
    return new KernelWork(kernels, 0, DataType.FP16, cudaFlops, hbmBytes, 0);
  }

  public KernelWork plusCudaFlops(double more) {
    return new KernelWork(kernels, tensorFlops, tensorType, cudaFlops + more, hbmBytes, l2Bytes);
  }
}
