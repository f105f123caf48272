package io.tiersim.simulator.calibration;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.GpuProfile;
import io.tiersim.model.hardware.MeasuredPoint;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.hardware.NvmeDrive;
import io.tiersim.model.hardware.SystemProfile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calibrates a system profile's efficiency curves from its measured points, using the system's
 * own points of a kind first and its GPU profile's otherwise; every number that no point supplies
 * is a named prior below, with its source. Follows the roofline's split: ceilings from datasheets,
 * the approach to them from measurements.
 */
public final class ProfileCalibration {
  /**
   * Fixed cost of one kernel over device memory, s. Assumption from the University of Virginia's
   * empty-kernel measurement (cs.virginia.edu/~mwb7w/cuda_support/kernel_overhead.html): at best
   * 334,000 asynchronous launches/s, i.e. 3 us each, and about three times that when synchronised;
   * a kernel inside a stream of kernels pays between the two, so 5 us.
   */
  public static final double KERNEL_LATENCY_PRIOR_S = 5e-6;

  /** The range of {@link #KERNEL_LATENCY_PRIOR_S}: the same source's 3 us at best and about three times that synchronised. */
  static final double[] KERNEL_LATENCY_RANGE_S = {3e-6, 9e-6};

  /**
   * Fixed cost of one cudaMemcpy over the host link, s, when the link gives none. Derived from
   * RRZE-HPC gpu-benches cuda-memcpy (V100, PCIe Gen3 x16): 32 kB at 0.93 GB/s takes 35.2 us, of
   * which 2.7 us is wire time at the 12.35 GB/s asymptote, leaving 32.6 us; 1 MB at 9.25 GB/s
   * takes 113.4 us, 84.9 us of it wire time, leaving 28.5 us. About 30 us, as the profiles say.
   */
  public static final double MEMCPY_LATENCY_PRIOR_S = 30e-6;

  /** The range of {@link #MEMCPY_LATENCY_PRIOR_S}: its two derivations. */
  static final double[] MEMCPY_LATENCY_RANGE_S = {28.5e-6, 32.6e-6};

  /**
   * Fixed cost per GEMM, s, when one shape cannot identify it: a kernel launch plus pipeline fill
   * and the last partial wave, taken equal to {@link #KERNEL_LATENCY_PRIOR_S}. It sets half-work
   * (for example 2.0e9 MACs, about 1260^3, on an H100 at 0.81 of 989 TFLOP/s).
   */
  public static final double GEMM_FIXED_TIME_PRIOR_S = KERNEL_LATENCY_PRIOR_S;

  /**
   * effMax for an operand type no point measures. Assumption: the low end of this project's
   * 8192^3 bf16 cuBLAS runs, 769 / 989.4 = 0.78 on H200 (798 / 989.4 = 0.81 on H100 and H200).
   */
  public static final double GEMM_EFF_MAX_PRIOR = 0.78;

  /**
   * The range of {@link #GEMM_EFF_MAX_PRIOR}: the bundled A100 points, 210.7 (cuBLAS 4096^3) and
   * 271.2 (the best shape of a search) of 312 TFLOP/s, which hold the H100's and H200's 0.78-0.81.
   * The T4's 24 of 65 (0.37) is left out: it is the 70 W power cap's regime, not a GEMM's.
   */
  static final double[] GEMM_EFF_MAX_RANGE = {210.7 / 312, 271.2 / 312};

  /**
   * How far below the GEMM asymptote fused prefill attention may run, for GPUs without an
   * attention point (the prior itself is the GEMM curve, a ceiling): FlashAttention-2 on the H100,
   * 346.3 TFLOP/s (35 % of peak, FlashAttention-3's abstract), over cuBLAS's 798 there.
   */
  static final double PREFILL_ATTENTION_TO_GEMM_LOW = 346.3 / 798;

  /**
   * Fraction of the spec memory bandwidth a streaming kernel reaches, for GPUs without a point.
   * Assumption: the bundled measurements reach 0.79 (MI300X) to 0.995 (H100 PCIe) of spec, and
   * both HBM3 NVIDIA parts (H100 SXM 3000 / 3350, H200 4300 / 4800) 0.90.
   */
  public static final double HBM_SPEC_FRACTION_PRIOR = 0.90;

  /** The range of {@link #HBM_SPEC_FRACTION_PRIOR}: what the bundled measurements reach. */
  static final double[] HBM_SPEC_FRACTION_RANGE = {0.79, 0.995};

  /**
   * L2-resident over DRAM read bandwidth, for GPUs without an L2 point. Assumption: the bundled
   * pairs give 1.6 (H100 SXM, simple p-chase kernel), 2.5 (H200), 2.9 (A100 80GB) and 3.6
   * (H100 PCIe); 2.5 sits near the median without trusting the highest.
   */
  public static final double L2_TO_HBM_RATIO_PRIOR = 2.5;

  /** The range of {@link #L2_TO_HBM_RATIO_PRIOR}: the bundled pairs. */
  static final double[] L2_TO_HBM_RATIO_RANGE = {1.6, 3.6};

  /**
   * The fractions of a host link's spec rate that copies reach, for links without a point: the
   * spec itself (the prior, a ceiling) down to the measured links' 0.77 (12.35 of 16 GB/s on Gen3,
   * 25.1 of 32 on Gen4, 346 of 450 on NVLink-C2C).
   */
  static final double[] LINK_SPEC_FRACTION_RANGE = {0.77, 1.0};

  /**
   * Pageable over pinned host-to-device bandwidth, for systems without a pageable point. From CUDA
   * bandwidthTest at 32 MB on a DGX A100 (GitHub gengwg/gpu, nvda_gpu_benchmark.md): 10.0 GB/s
   * pageable against 25.7 pinned, 0.39; the same file's Dell PCIe A100 host gives 3.3 against 17.3,
   * 0.19, so the prior is the better of the two hosts.
   */
  public static final double PAGEABLE_TO_PINNED_PRIOR = 10.0 / 25.7;

  /** The range of {@link #PAGEABLE_TO_PINNED_PRIOR}: the same file's two hosts. */
  static final double[] PAGEABLE_TO_PINNED_RANGE = {3.3 / 17.3, 10.0 / 25.7};

  /**
   * Fraction of the drives' rated sequential bandwidth that large reads and writes reach, for
   * systems without a drive point. Assumption: datasheet figures are best-case queue-depth-32
   * numbers; 1.0 keeps them as a ceiling until a profile measures its drive (FlexGen's T4 profile
   * rates its disk from the paper's own measurement).
   */
  public static final double DRIVE_RATE_PRIOR = 1.0;

  private ProfileCalibration() {}

  public static CalibratedEfficiency fit(SystemProfile system) {
    GpuProfile gpu = system.gpu();
    Fit<TransferCurve> hbm = hbm(system);
    double hbmPeak = hbm.curve().peakBytesPerS();
    Fit<TransferCurve> l2 = TransferCurveFit.fit("l2", samples(points(system, Set.of(MeasurementKind.L2_READ))),
        kernelLatency(), TransferCurveFit.prior("l2", kernelLatency(),
            scaled(hbmPeak, L2_TO_HBM_RATIO_PRIOR, L2_TO_HBM_RATIO_RANGE)));
    ConfidenceInterval linkLatency = linkLatency(system);
    // Without a point the link is priced at its spec rate: a ceiling, with the measured links' 0.77 below it.
    Fit<TransferCurve> h2d = TransferCurveFit.fit("host-to-device",
        samples(points(system, Set.of(MeasurementKind.H2D_PINNED))), linkLatency,
        TransferCurveFit.prior("host-to-device", linkLatency,
            scaled(system.hostLink().hostToDeviceBytesPerS(), 1, LINK_SPEC_FRACTION_RANGE)));
    Fit<TransferCurve> d2h = TransferCurveFit.fit("device-to-host",
        samples(points(system, Set.of(MeasurementKind.D2H_PINNED))), linkLatency,
        TransferCurveFit.prior("device-to-host", linkLatency,
            scaled(system.hostLink().deviceToHostBytesPerS(), 1, LINK_SPEC_FRACTION_RANGE)));
    Fit<TransferCurve> pageable = TransferCurveFit.fit("host-to-device-pageable",
        samples(points(system, Set.of(MeasurementKind.H2D_PAGEABLE))), linkLatency,
        TransferCurveFit.prior("host-to-device-pageable", linkLatency,
            scaled(h2d.curve().peakBytesPerS(), PAGEABLE_TO_PINNED_PRIOR, PAGEABLE_TO_PINNED_RANGE)));
    Map<DataType, Fit<GemmEfficiencyCurve>> gemms = gemm(system);
    return new CalibratedEfficiency(system.id(), hbm, l2, h2d, d2h, gemms, prefillAttention(system, gemms), pageable,
        patterns(system, hbm.curve()), drive(system, MeasurementKind.SSD_READ), drive(system, MeasurementKind.SSD_WRITE),
        HostDispatchFit.fit(points(system, Set.of(MeasurementKind.KERNEL_LAUNCH)).stream()
            .map(MeasuredPoint::seconds).toList()));
  }

  /**
   * A drive direction's curve from the system's points of that kind (the probe's sequential reads
   * by request size), else the drives' rated bandwidth, striped, after their latency; null without
   * drives. The write curve's size is the request size too.
   */
  private static Fit<TransferCurve> drive(SystemProfile system, MeasurementKind kind) {
    if (system.drives().isEmpty()) {
      return null;
    }
    double latencyS = system.drives().stream().mapToDouble(NvmeDrive::latencyS).max().orElseThrow();
    double rated = system.drives().stream()
        .mapToDouble(kind == MeasurementKind.SSD_READ ? NvmeDrive::readBytesPerS : NvmeDrive::writeBytesPerS).sum();
    List<MeasuredPoint> own = system.measured().stream().filter(p -> p.kind() == kind).toList();
    return TransferCurveFit.fit(kind.key().replace('_', '-'), samples(own), latencyS,
        new TransferCurve(latencyS, rated * DRIVE_RATE_PRIOR));
  }

  /**
   * One fit per access pattern the system (or its GPU) has points for; patterns without points
   * are left out, so the cost model prices them as streams at the HBM curve.
   */
  private static Map<AccessPattern, Fit<TransferCurve>> patterns(SystemProfile system, TransferCurve hbm) {
    Map<AccessPattern, Fit<TransferCurve>> fits = new EnumMap<>(AccessPattern.class);
    for (AccessPattern pattern : AccessPattern.values()) {
      if (pattern == AccessPattern.STREAM) {
        continue;
      }
      List<Sample> samples = pattern == AccessPattern.WEIGHT_STREAMING
          ? weightStreamingSamples(system)
          : samples(points(system, Set.of(pattern.kind())));
      if (!samples.isEmpty()) {
        fits.put(pattern, TransferCurveFit.fit(pattern.fitName(), samples, KERNEL_LATENCY_PRIOR_S, hbm));
      }
    }
    return fits;
  }

  /**
   * The memory-bound fp16 and bf16 GEMM points (the ones the efficiency curve leaves out) as
   * achieved bytes per second: operands and result, {@code (mk + kn + mn)} elements of 2 bytes,
   * over the point's time. Decode projections read their weights at this rate, not at a stream's.
   */
  private static List<Sample> weightStreamingSamples(SystemProfile system) {
    GpuProfile gpu = system.gpu();
    return points(system, Set.of(MeasurementKind.GEMM)).stream()
        .filter(p -> p.dataType() == DataType.FP16 || p.dataType() == DataType.BF16)
        .filter(p -> memoryBound(gpu, p))
        .map(p -> {
          double m = p.m();
          double n = p.n();
          double k = p.k();
          double bytes = (m * k + k * n + m * n) * p.dataType().bytes();
          double seconds = 2 * m * n * k / p.flopsPerS();
          return new Sample(bytes, bytes / seconds);
        })
        .toList();
  }

  /**
   * A copy point counts bytes read plus bytes written, which is the traffic the DRAM interface
   * carries per second, so it is used as an achieved streaming rate unchanged (no factor of two).
   * Read and copy points are pooled; all bundled ones are of unknown size, so the peak is the best.
   */
  private static Fit<TransferCurve> hbm(SystemProfile system) {
    GpuProfile gpu = system.gpu();
    return TransferCurveFit.fit("hbm",
        samples(points(system, Set.of(MeasurementKind.HBM_READ, MeasurementKind.HBM_COPY))),
        kernelLatency(), TransferCurveFit.prior("hbm", kernelLatency(),
            scaled(gpu.hbmBandwidthBytesPerS(), HBM_SPEC_FRACTION_PRIOR, HBM_SPEC_FRACTION_RANGE)));
  }

  /** {@link #KERNEL_LATENCY_PRIOR_S} with its range. */
  private static ConfidenceInterval kernelLatency() {
    return ConfidenceInterval.priorRange(KERNEL_LATENCY_PRIOR_S, KERNEL_LATENCY_RANGE_S[0], KERNEL_LATENCY_RANGE_S[1]);
  }

  /** {@code base} times a prior fraction, bounded by {@code base} times the fraction's range. */
  private static ConfidenceInterval scaled(double base, double fraction, double[] range) {
    return ConfidenceInterval.priorRange(base * fraction, base * range[0], base * range[1]);
  }

  /**
   * The system's own points of these kinds when it has any (measured on this machine), else its
   * GPU profile's (measured on some machine with this GPU).
   */
  private static List<MeasuredPoint> points(SystemProfile system, Set<MeasurementKind> kinds) {
    List<MeasuredPoint> own = system.measured().stream().filter(p -> kinds.contains(p.kind())).toList();
    return own.isEmpty()
        ? system.gpu().measured().stream().filter(p -> kinds.contains(p.kind())).toList()
        : own;
  }

  private static List<Sample> samples(List<MeasuredPoint> points) {
    return points.stream()
        .map(p -> p.transferBytes() == null ? Sample.atUnknownSize(p.bytesPerS())
            : new Sample(p.transferBytes(), p.bytesPerS()))
        .toList();
  }

  /** One fit per supported type; fp16 and bf16 share points when their peaks agree or only one was measured. */
  private static Map<DataType, Fit<GemmEfficiencyCurve>> gemm(SystemProfile system) {
    GpuProfile gpu = system.gpu();
    List<MeasuredPoint> gemmPoints = points(system, Set.of(MeasurementKind.GEMM));
    Map<DataType, Fit<GemmEfficiencyCurve>> fits = new EnumMap<>(DataType.class);
    for (DataType type : DataType.values()) {
      if (!gpu.supports(type)) {
        continue;
      }
      List<Sample> used = pooledTypes(gpu, gemmPoints, type).stream()
          .flatMap(t -> gemmSamples(gpu, gemmPoints, t).stream()).toList();
      String name = "gemm-" + type.key();
      fits.put(type, used.isEmpty() ? gemmPrior(name, gpu.peakTensorFlopsPerS(type))
          : GemmEfficiencyFit.fit(name, used, kernelLatency(), gpu.peakTensorFlopsPerS(type), GEMM_EFF_MAX_PRIOR));
    }
    return fits;
  }

  /**
   * Fused prefill attention's efficiency from the system's (or its GPU's) prefill-attention points:
   * each a fraction of its operand type's tensor peak at its work per call (causal multiply-
   * accumulates), fitted like a GEMM curve. Without points it is the half-precision GEMM curve,
   * renamed: a ceiling, as for unmeasured access patterns, never a guess below it.
   */
  private static Fit<GemmEfficiencyCurve> prefillAttention(SystemProfile system,
      Map<DataType, Fit<GemmEfficiencyCurve>> gemms) {
    GpuProfile gpu = system.gpu();
    DataType half = gpu.supports(DataType.BF16) ? DataType.BF16 : DataType.FP16;
    Fit<GemmEfficiencyCurve> ceiling = gemms.get(half);
    List<Sample> samples = points(system, Set.of(MeasurementKind.PREFILL_ATTENTION)).stream()
        .filter(p -> p.dataType() == null || gpu.supports(p.dataType()))
        .map(p -> {
          double fraction = p.flopsPerS() / gpu.peakTensorFlopsPerS(p.dataType() == null ? half : p.dataType());
          return p.workMacs() == null ? Sample.atUnknownSize(fraction) : new Sample(p.workMacs(), fraction);
        })
        .toList();
    if (samples.isEmpty()) {
      // The GEMM curve, as far below it as FlashAttention-2 runs under cuBLAS on the H100.
      ConfidenceInterval effMax = ceiling.parameter(GemmEfficiencyFit.EFF_MAX);
      double e = effMax.value();
      return GemmEfficiencyFit.prior(PREFILL_ATTENTION_FIT,
          ConfidenceInterval.priorRange(e, (effMax.bounded() ? effMax.low() : e) * PREFILL_ATTENTION_TO_GEMM_LOW,
              effMax.bounded() ? Math.max(e, effMax.high()) : e),
          ceiling.parameter(GemmEfficiencyFit.HALF_WORK_MACS));
    }
    return GemmEfficiencyFit.fit(PREFILL_ATTENTION_FIT, samples, kernelLatency(),
        gpu.peakTensorFlopsPerS(half), ceiling.curve().effMax());
  }

  /** The prefill-attention fit's name in reports. */
  public static final String PREFILL_ATTENTION_FIT = "prefill-attention";

  /**
   * A GEMM curve no point measures: {@link #GEMM_EFF_MAX_PRIOR} within its range, and the half-work
   * that the fixed time per GEMM sets, within the kernel latency's range.
   */
  private static Fit<GemmEfficiencyCurve> gemmPrior(String name, double peakFlopsPerS) {
    double e = GEMM_EFF_MAX_PRIOR;
    return GemmEfficiencyFit.prior(name,
        ConfidenceInterval.priorRange(e, GEMM_EFF_MAX_RANGE[0], GEMM_EFF_MAX_RANGE[1]),
        ConfidenceInterval.priorRange(e * GEMM_FIXED_TIME_PRIOR_S * peakFlopsPerS / 2,
            e * KERNEL_LATENCY_RANGE_S[0] * peakFlopsPerS / 2, e * KERNEL_LATENCY_RANGE_S[1] * peakFlopsPerS / 2));
  }

  /** The operand types whose points a type's GEMM fit uses: its own, and its fp16/bf16 sibling's when pooled. */
  private static List<DataType> pooledTypes(GpuProfile gpu, List<MeasuredPoint> points, DataType type) {
    DataType sibling = sibling(type);
    // fp16 and bf16 run on the same tensor-core path where their peaks agree: pool their points.
    boolean pool = gemmSamples(gpu, points, type).isEmpty() || sibling != null && gpu.supports(sibling)
        && gpu.peakTensorFlopsPerS(sibling) == gpu.peakTensorFlopsPerS(type);
    return pool && sibling != null ? List.of(type, sibling) : List.of(type);
  }

  /** How many of the points a type's GEMM fit could use were left out as memory-bound, for reports. */
  static int memoryBoundGemmPoints(SystemProfile system, DataType type) {
    GpuProfile gpu = system.gpu();
    List<MeasuredPoint> gemmPoints = points(system, Set.of(MeasurementKind.GEMM));
    List<DataType> types = pooledTypes(gpu, gemmPoints, type);
    return (int) gemmPoints.stream().filter(p -> types.contains(p.dataType()) && memoryBound(gpu, p)).count();
  }

  private static List<Sample> gemmSamples(GpuProfile gpu, List<MeasuredPoint> points, DataType type) {
    if (type == null || !gpu.supports(type)) {
      return List.of();
    }
    double peak = gpu.peakTensorFlopsPerS(type);
    return points.stream()
        .filter(p -> p.dataType() == type)
        .filter(p -> !memoryBound(gpu, p))
        .map(p -> p.m() == null || p.n() == null || p.k() == null
            ? Sample.atUnknownSize(p.flopsPerS() / peak)
            : new Sample((double) p.m() * p.n() * p.k(), p.flopsPerS() / peak))
        .toList();
  }

  /**
   * Whether the roofline says a GEMM point was limited by memory rather than by the tensor cores:
   * its operand and result bytes at the spec HBM bandwidth take longer than its FLOPs at the spec
   * peak (decode GEMMs with a few rows, such as 1 x 4096 x 14336). The efficiency curve models
   * compute-bound GEMMs only, and the roofline prices the others, so such points are left out of
   * the fit (a report shows them as measured but unused). Points without a shape are kept.
   */
  static boolean memoryBound(GpuProfile gpu, MeasuredPoint p) {
    if (p.m() == null || p.n() == null || p.k() == null || p.dataType() == null || !gpu.supports(p.dataType())) {
      return false;
    }
    double m = p.m();
    double n = p.n();
    double k = p.k();
    // Integer GEMMs write int32 results; the floating types write bf16/fp16 (fp8 via _scaled_mm too).
    double resultBytes = p.dataType() == DataType.INT8 ? 4 : 2;
    double bytes = (m * k + k * n) * p.dataType().bytes() + m * n * resultBytes;
    double flops = 2 * m * n * k;
    return bytes / gpu.hbmBandwidthBytesPerS() > flops / gpu.peakTensorFlopsPerS(p.dataType());
  }

  /**
   * Curves for measured bandwidth kinds the cost model does not price yet (device-to-host
   * pageable copies, HBM writes, gathers of scattered KV chunks, random disk reads and top-k
   * rates), fitted by the same least squares so a report can show how well
   * the latency-bandwidth model follows them. One fit per kind with points on the system, in
   * {@link #SUPPLEMENTARY_KINDS} order; none for a kind without points. Dequantise-and-attend
   * points are not fitted: their bit widths would share one curve.
   */
  public static List<Fit<TransferCurve>> supplementaryFits(SystemProfile system) {
    List<Fit<TransferCurve>> fits = new java.util.ArrayList<>();
    for (MeasurementKind kind : SUPPLEMENTARY_KINDS) {
      List<MeasuredPoint> own = system.measured().stream().filter(p -> p.kind() == kind).toList();
      if (own.isEmpty()) {
        continue;
      }
      double latencyPriorS = switch (kind) {
        case D2H_PAGEABLE, KV_GATHER -> linkLatencyS(system);
        case SSD_READ, SSD_RANDOM_READ -> system.drives().isEmpty() ? MEMCPY_LATENCY_PRIOR_S
            : system.drives().get(0).latencyS();
        default -> KERNEL_LATENCY_PRIOR_S;
      };
      List<Sample> samples = samples(own);
      double best = samples.stream().mapToDouble(Sample::value).max().orElseThrow();
      fits.add(TransferCurveFit.fit(kind.key().replace('_', '-'), samples, latencyPriorS,
          new TransferCurve(latencyPriorS, best)));
    }
    return List.copyOf(fits);
  }

  /** The kinds {@link #supplementaryFits} fits, in report order. */
  public static final List<MeasurementKind> SUPPLEMENTARY_KINDS = List.of(
      MeasurementKind.HBM_WRITE, MeasurementKind.D2H_PAGEABLE,
      MeasurementKind.KV_GATHER, MeasurementKind.SSD_RANDOM_READ, MeasurementKind.TOPK);

  private static double linkLatencyS(SystemProfile system) {
    return linkLatency(system).value();
  }

  /** The link's own latency (from its profile, with its source), else {@link #MEMCPY_LATENCY_PRIOR_S} with its range. */
  private static ConfidenceInterval linkLatency(SystemProfile system) {
    return system.hostLink().latencyS() > 0 ? ConfidenceInterval.notEstimated(system.hostLink().latencyS())
        : ConfidenceInterval.priorRange(MEMCPY_LATENCY_PRIOR_S, MEMCPY_LATENCY_RANGE_S[0], MEMCPY_LATENCY_RANGE_S[1]);
  }

  private static DataType sibling(DataType type) {
    return switch (type) {
      case FP16 -> DataType.BF16;
      case BF16 -> DataType.FP16;
      default -> null;
    };
  }
}
