package io.tiersim.simulator.cost;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.CsdDrive;
import io.tiersim.model.hardware.GpuProfile;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.simulator.calibration.AccessPattern;
import io.tiersim.simulator.calibration.CalibratedEfficiency;
import io.tiersim.simulator.calibration.GemmEfficiencyCurve;
import io.tiersim.simulator.calibration.ProfileCalibration;
import io.tiersim.simulator.calibration.TransferCurve;
import java.util.EnumMap;
import java.util.Map;

/**
 * Prices operators on one system: a GPU kernel as its launches plus the roofline maximum of its
 * tensor-core, CUDA-core, HBM and L2 times; a transfer by the latency-bandwidth curve of its link;
 * CPU, drive and computational-storage work by their rates. GPU ceilings are the calibrated
 * asymptotes ({@link ProfileCalibration}); every other rate is the profile's figure times a named
 * prior below. With several GPUs, GPU work and host-link bytes divide evenly (tensor parallelism,
 * one host link per GPU); host memory, CPU, drives and CSDs are shared.
 */
public final class CostModel {
  /**
   * Fractions of the host's theoretical DRAM bandwidth that multi-threaded code reaches for reads
   * and for writes. From likwid runs on one Skylake-SP socket (Xeon Gold 6148, six DDR4-2666
   * channels, 128 GB/s theoretical) published in RRZE-HPC/kerncraft,
   * examples/machine-files/SkylakeSP_Gold-6148.yml (benchmarks, MEM, best over 1-20 cores): the
   * read-only "load" kernel reaches 120.6 GB/s (0.94); the "copy" kernel 71.4 GB/s counting 8 B
   * read plus 8 B written per element, so a written byte costs 16/71.4 - 8/120.6 ns per 8 B, i.e.
   * writes stream at 50.7 GB/s (0.40; write-allocate reads the line first).
   */
  public static final double HOST_READ_FRACTION = 0.94;
  public static final double HOST_WRITE_FRACTION = 0.40;

  private final SystemProfile system;
  private final CalibratedEfficiency efficiency;
  private final int gpus;
  private final double launchS;
  /** HBM rate per access pattern, indexed by ordinal (a kernel is priced millions of times per sweep). */
  private final double[] hbmBytesPerS = new double[AccessPattern.values().length];
  private final double l2BytesPerS;
  private final double cudaFlopsPerS;
  private final TransferCurve hostToDevice;
  private final TransferCurve deviceToHost;
  private final TransferCurve hostToDevicePageable;
  private final double hostReadBytesPerS;
  private final double hostWriteBytesPerS;
  private final double cpuFlopsPerS;
  private final TransferCurve ssdRead;
  private final TransferCurve ssdWrite;
  /** This host's measured cost per eager launch over {@link Runtime#EAGER}'s prior (1 without points). */
  private final double hostScale;
  private final double csdFlashReadBytesPerS;
  private final double csdFlashWriteBytesPerS;
  private final double csdFlopsPerS;
  private final double peerToPeerBytesPerS;
  private final double interconnectBytesPerS;
  private final Map<DataType, double[]> tensorRates = new EnumMap<>(DataType.class);
  /** Fused prefill attention's {asymptote FLOP/s, fixed s per call} on fp16/bf16 tensor cores. */
  private final double[] prefillAttentionRate;

  public CostModel(SystemProfile system) {
    this(system, ProfileCalibration.fit(system));
  }

  public CostModel(SystemProfile system, CalibratedEfficiency efficiency) {
    this.system = system;
    this.efficiency = efficiency;
    GpuProfile gpu = system.gpu();
    this.gpus = system.gpuCount();
    this.launchS = efficiency.hbm().latencyS();
    for (AccessPattern pattern : AccessPattern.values()) {
      hbmBytesPerS[pattern.ordinal()] = efficiency.pattern(pattern).peakBytesPerS();
    }
    this.l2BytesPerS = efficiency.l2().peakBytesPerS();
    this.cudaFlopsPerS = gpu.cudaCoreFlopsPerS();
    this.hostToDevice = efficiency.hostToDevice();
    this.deviceToHost = efficiency.deviceToHost();
    this.hostToDevicePageable = efficiency.hostToDevicePageable();
    this.hostReadBytesPerS = system.hostMemory().bandwidthBytesPerS() * HOST_READ_FRACTION;
    this.hostWriteBytesPerS = system.hostMemory().bandwidthBytesPerS() * HOST_WRITE_FRACTION;
    this.cpuFlopsPerS = system.cpu().flopsPerS();
    this.ssdRead = efficiency.ssdRead();
    this.ssdWrite = efficiency.ssdWrite();
    this.hostScale = efficiency.hostSecondsPerDispatch() / Runtime.EAGER.hostSecondsPerDispatch();
    this.csdFlashReadBytesPerS = system.csds().stream().mapToDouble(CsdDrive::flashReadBytesPerS).sum();
    this.csdFlashWriteBytesPerS = system.csds().stream().mapToDouble(CsdDrive::flashWriteBytesPerS).sum();
    this.csdFlopsPerS = system.csds().stream().mapToDouble(CsdDrive::computeFlopsPerS).sum();
    // Peer-to-peer traffic also crosses the GPU's own host link; the slower of the two sets the rate.
    this.peerToPeerBytesPerS = Math.min(
        system.csds().stream().mapToDouble(CsdDrive::peerToPeerBytesPerS).sum(), hostToDevice.peakBytesPerS() * gpus);
    this.interconnectBytesPerS = system.gpuInterconnect() != null
        ? system.gpuInterconnect().bytesPerSPerDirection() : hostToDevice.peakBytesPerS();
    for (DataType t : DataType.values()) {
      if (gpu.supports(t)) {
        GemmEfficiencyCurve c = efficiency.gemm(t);
        tensorRates.put(t, rate(c, gpu.peakTensorFlopsPerS(t)));
      }
    }
    DataType half = gpu.supports(DataType.BF16) ? DataType.BF16 : DataType.FP16;
    this.prefillAttentionRate = rate(efficiency.prefillAttention(), gpu.peakTensorFlopsPerS(half));
  }

  /**
   * A curve's asymptote in FLOP/s and its fixed time per call: the curve's form is a fixed time
   * plus work at effMax of peak, and that fixed time is 2 * halfWork / asymptote.
   */
  private static double[] rate(GemmEfficiencyCurve c, double peakFlopsPerS) {
    double asymptote = c.effMax() * peakFlopsPerS;
    return new double[] {asymptote, 2 * c.halfWorkMacs() / asymptote};
  }

  public SystemProfile system() {
    return system;
  }

  public CalibratedEfficiency efficiency() {
    return efficiency;
  }

  public int gpus() {
    return gpus;
  }

  /** Whether the GPU has a tensor-core path for this operand type. */
  public boolean supports(DataType type) {
    return tensorRates.containsKey(type);
  }

  /**
   * A GPU operator: {@code kernels} fixed costs plus the longest of its resources' times (each
   * GPU doing {@code 1/gpus} of the work). Its HBM bytes move at the asymptote of its access
   * pattern's curve (the HBM curve unless the pattern was measured); the fixed costs stand for the
   * latency, so it is not counted twice.
   */
  public OpCost kernel(String name, KernelWork w) {
    return price(name, w, w.tensorFlops() > 0 ? tensorRate(w.tensorType()) : null);
  }

  /**
   * A fused (flash) prefill attention kernel: as {@link #kernel}, but its fp16/bf16 tensor-core
   * work runs at the calibrated prefill-attention rate (the GEMM rate where that was not measured,
   * and for other operand types).
   */
  public OpCost prefillAttention(String name, KernelWork w) {
    if (w.tensorFlops() > 0 && (w.tensorType() == DataType.FP16 || w.tensorType() == DataType.BF16)) {
      return price(name, w, prefillAttentionRate);
    }
    return kernel(name, w);
  }

  private OpCost price(String name, KernelWork w, double[] tensor) {
    double tensorS = tensor == null ? 0 : w.tensorFlops() / gpus / tensor[0];
    double cudaS = w.cudaFlops() / gpus / cudaFlopsPerS;
    double hbmS = w.hbmBytes() / gpus / hbmBytesPerS[w.access().ordinal()];
    double l2S = w.l2Bytes() / gpus / l2BytesPerS;
    double perKernel = tensor == null ? launchS : Math.max(launchS, tensor[1]);
    double fixed = w.kernels() * perKernel;
    Resource bound = Resource.KERNEL_LAUNCH;
    double work = 0;
    if (tensorS > work) { work = tensorS; bound = Resource.TENSOR_CORES; }
    if (cudaS > work) { work = cudaS; bound = Resource.CUDA_CORES; }
    if (hbmS > work) { work = hbmS; bound = Resource.HBM; }
    if (l2S > work) { work = l2S; bound = Resource.L2; }
    Map<Resource, Double> bytes = new EnumMap<>(Resource.class);
    putPositive(bytes, Resource.HBM, w.hbmBytes());
    putPositive(bytes, Resource.L2, w.l2Bytes());
    return new OpCost(name, Lane.GPU, fixed + work, fixed, bound, w.tensorFlops() + w.cudaFlops(), bytes, w.kernels());
  }

  /** A ring all-reduce of {@code bytes} per GPU among all GPUs; free on one GPU. */
  public OpCost allReduce(String name, double bytes) {
    if (gpus == 1 || bytes == 0) {
      return new OpCost(name, Lane.GPU, 0, 0, Resource.GPU_INTERCONNECT, 0, Map.of(), 0);
    }
    double wire = 2.0 * (gpus - 1) / gpus * bytes;
    double fixed = launchS;
    return new OpCost(name, Lane.GPU, fixed + wire / interconnectBytesPerS, fixed, Resource.GPU_INTERCONNECT, 0,
        Map.of(Resource.GPU_INTERCONNECT, wire), 1);
  }

  /**
   * Bytes over the host link in {@code transfers} copies (each paying the link's latency), split
   * over the GPUs' links.
   *
   * @param link {@link Resource#PCIE_HOST_TO_DEVICE} or {@link Resource#PCIE_DEVICE_TO_HOST}
   */
  public OpCost hostLink(String name, Resource link, double bytes, long transfers) {
    return hostLink(name, link, bytes, transfers, true);
  }

  /**
   * As {@link #hostLink(String, Resource, double, long)}, from pageable host memory when {@code
   * pinned} is false (host to device only: staged through pinned buffers at the pageable rate).
   */
  public OpCost hostLink(String name, Resource link, double bytes, long transfers, boolean pinned) {
    TransferCurve curve = switch (link) {
      case PCIE_HOST_TO_DEVICE -> pinned ? hostToDevice : hostToDevicePageable;
      case PCIE_DEVICE_TO_HOST -> deviceToHost;
      default -> throw new IllegalArgumentException("link: expected a host-link direction, got " + link);
    };
    if (bytes == 0) {
      return new OpCost(name, link.lane(), 0, 0, link, 0, Map.of(), 0);
    }
    double fixed = transfers * curve.latencyS();
    return new OpCost(name, link.lane(), fixed + bytes / gpus / curve.peakBytesPerS(), fixed, link, 0,
        Map.of(link, bytes), Math.toIntExact(transfers));
  }

  /** CPU work: FLOPs on all cores, and bytes read from and written to host memory, whichever takes longer. */
  public OpCost cpu(String name, double flops, double readBytes, double writeBytes) {
    double computeS = flops / cpuFlopsPerS;
    double memoryS = readBytes / hostReadBytesPerS + writeBytes / hostWriteBytesPerS;
    Resource bound = memoryS >= computeS ? Resource.HOST_MEMORY : Resource.CPU_CORES;
    double bytes = readBytes + writeBytes;
    return new OpCost(name, Lane.CPU, Math.max(computeS, memoryS), 0, bound, flops,
        bytes > 0 ? Map.of(Resource.HOST_MEMORY, bytes) : Map.of(), 0);
  }

  /**
   * Large sequential reads or writes on the local NVMe drives (striped over all of them), as one
   * request at the drive curve: its latency plus the bytes at its asymptote (measured by request
   * size where the profile has points, the rated bandwidth otherwise).
   */
  public OpCost drive(String name, Resource direction, double bytes) {
    TransferCurve curve = switch (direction) {
      case SSD_READ -> ssdRead;
      case SSD_WRITE -> ssdWrite;
      default -> throw new IllegalArgumentException("direction: expected ssd_read or ssd_write, got " + direction);
    };
    if (bytes == 0) {
      return new OpCost(name, Lane.DISK, 0, 0, direction, 0, Map.of(), 0);
    }
    if (curve == null) {
      throw new IllegalArgumentException(name + ": the system has no NVMe drives");
    }
    return new OpCost(name, Lane.DISK, curve.seconds(bytes), curve.latencyS(), direction, 0, Map.of(direction, bytes), 0);
  }

  /**
   * Work inside the computational storage drives: flash reads and writes at their internal
   * bandwidth, FLOPs on their compute, bytes to or from the GPU peer to peer; the slowest sets the time.
   */
  public OpCost csd(String name, double flashReadBytes, double flashWriteBytes, double flops, double peerBytes) {
    if (flashReadBytes + flashWriteBytes + flops + peerBytes == 0) {
      return new OpCost(name, Lane.CSD, 0, 0, Resource.CSD_FLASH, 0, Map.of(), 0);
    }
    requireRate(csdFlashReadBytesPerS, "computational storage drives", name);
    double flashS = flashReadBytes / csdFlashReadBytesPerS + flashWriteBytes / csdFlashWriteBytesPerS;
    double computeS = flops / csdFlopsPerS;
    double peerS = peerBytes / peerToPeerBytesPerS;
    Resource bound = Resource.CSD_FLASH;
    double t = flashS;
    if (computeS > t) { t = computeS; bound = Resource.CSD_COMPUTE; }
    if (peerS > t) { t = peerS; bound = Resource.PEER_TO_PEER; }
    Map<Resource, Double> bytes = new EnumMap<>(Resource.class);
    putPositive(bytes, Resource.CSD_FLASH, flashReadBytes + flashWriteBytes);
    putPositive(bytes, Resource.PEER_TO_PEER, peerBytes);
    return new OpCost(name, Lane.CSD, t, 0, bound, flops, bytes, 1);
  }

  /**
   * The host's time to issue {@code dispatches} kernels and copies under {@code runtime}: the
   * runtime's cost per launch, scaled by what this host's calibration measured against the eager prior.
   */
  public OpCost dispatch(String name, Runtime runtime, int dispatches) {
    double t = dispatches * runtime.hostSecondsPerDispatch() * hostScale;
    return new OpCost(name, Lane.HOST, t, 0, Resource.HOST_DISPATCH, 0, Map.of(), 0);
  }

  /** The host's time for {@code calls} framework calls that issue no GPU work (views, slicing). */
  public OpCost hostCalls(String name, Runtime runtime, int calls) {
    double t = calls * runtime.hostSecondsPerHostCall() * hostScale;
    return new OpCost(name, Lane.HOST, t, 0, Resource.HOST_DISPATCH, 0, Map.of(), 0);
  }

  private double[] tensorRate(DataType type) {
    double[] r = tensorRates.get(type);
    if (r == null) {
      r = tensorRates.get(DataType.FP16);
    }
    if (r == null) {
      throw new IllegalArgumentException("data type: GPU '" + system.gpu().id() + "' has no tensor-core path for " + type);
    }
    return r;
  }

  private static void requireRate(double rate, String what, String op) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException(op + ": the system has no " + what);
    }
  }

  private static void putPositive(Map<Resource, Double> m, Resource r, double v) {
    if (v > 0) {
      m.put(r, v);
    }
  }
}
