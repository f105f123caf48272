package io.tiersim.model.hardware;

import io.tiersim.model.Tier;
import io.tiersim.model.io.Require;
import java.util.List;

/**
 * One machine that runs inference: its GPUs (by profile), host memory and CPU, the host link per
 * GPU, the GPU fabric if any, local NVMe drives and computational storage drives, and the memory a
 * process cannot use for tensors on each GPU. Measured points here are system-level: link and disk
 * benchmarks and constants fitted by other projects on this machine (FlexGen's T4 cost model).
 *
 * @param gpuInterconnect null when GPUs talk only through the host
 */
public record SystemProfile(
    String id,
    String name,
    GpuProfile gpu,
    SourcedValue gpuCountSourced,
    HostMemory hostMemory,
    CpuProfile cpu,
    HostLink hostLink,
    GpuInterconnect gpuInterconnect,
    List<NvmeDrive> drives,
    List<CsdDrive> csds,
    SourcedValue runtimeReserveGibPerGpu,
    List<MeasuredPoint> measured) {

  public SystemProfile {
    Require.nonBlank(id, "id");
    Require.nonBlank(name, "name");
    Require.present(gpu, "gpu");
    SourcedValue.count(gpuCountSourced, "gpu_count");
    Require.present(hostMemory, "host_memory");
    Require.present(cpu, "cpu");
    Require.present(hostLink, "host_link");
    drives = drives == null ? List.of() : List.copyOf(drives);
    csds = csds == null ? List.of() : List.copyOf(csds);
    Require.present(runtimeReserveGibPerGpu, "runtime_reserve_gib_per_gpu");
    if (runtimeReserveGibPerGpu.times(Units.GIB) >= gpu.hbmCapacityBytes()) {
      throw new IllegalArgumentException("runtime_reserve_gib_per_gpu: " + runtimeReserveGibPerGpu.value()
          + " GiB leaves nothing of the GPU's " + gpu.hbmCapacityGib().value() + " GiB");
    }
    measured = measured == null ? List.of() : List.copyOf(measured);
  }

  public int gpuCount() {
    return (int) gpuCountSourced.value();
  }

  /** CUDA context, kernels, cuBLAS workspace and allocator slack per GPU, bytes. */
  public long runtimeReserveBytesPerGpu() {
    return Math.round(runtimeReserveGibPerGpu.times(Units.GIB));
  }

  /**
   * Raw capacity of a tier: all GPUs' HBM, host DRAM, the sum of NVMe drives, or the sum of CSD
   * flash; 0 when the system lacks the tier.
   */
  public long tierCapacityBytes(Tier tier) {
    return switch (tier) {
      case GPU -> gpuCount() * gpu.hbmCapacityBytes();
      case CPU -> hostMemory.capacityBytes();
      case DISK -> drives.stream().mapToLong(NvmeDrive::capacityBytes).sum();
      case CSD -> csds.stream().mapToLong(CsdDrive::capacityBytes).sum();
    };
  }

  public boolean has(Tier tier) {
    return tierCapacityBytes(tier) > 0;
  }
}
