package io.tiersim.simulator.calibration;

import io.tiersim.model.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one system's measurements say code reaches on it: transfer curves for HBM, L2, each
 * direction of the host link and the drives, a GEMM efficiency curve per tensor-core operand type,
 * curves for the HBM access patterns that were measured, and the eager host's cost per kernel
 * launch, each kept with its {@link Fit} for reporting. Built by {@link ProfileCalibration#fit}.
 *
 * @param gemmFits one fit per operand type the GPU's tensor cores take
 * @param prefillAttentionFit the fraction of the half-precision tensor peak a fused (flash) prefill
 *     attention kernel reaches, by its work per call: its softmax and online rescaling keep it below
 *     a GEMM's rate. Without points it is the half-precision GEMM curve, a ceiling
 * @param hostToDevicePageableFit copies from pageable (unpinned) host memory, which the driver or
 *     the framework stages through pinned buffers
 * @param patternFits device-memory access patterns measured on this system (none is {@link
 *     AccessPattern#STREAM}); a pattern without a fit is priced as a stream
 * @param ssdReadFit reads from the local NVMe drives by request size; null without drives
 * @param ssdWriteFit writes to them; null without drives
 * @param hostDispatchFit the host's seconds to issue one kernel from eager PyTorch
 */
public record CalibratedEfficiency(
    String systemId,
    Fit<TransferCurve> hbmFit,
    Fit<TransferCurve> l2Fit,
    Fit<TransferCurve> hostToDeviceFit,
    Fit<TransferCurve> deviceToHostFit,
    Map<DataType, Fit<GemmEfficiencyCurve>> gemmFits,
    Fit<GemmEfficiencyCurve> prefillAttentionFit,
    Fit<TransferCurve> hostToDevicePageableFit,
    Map<AccessPattern, Fit<TransferCurve>> patternFits,
    Fit<TransferCurve> ssdReadFit,
    Fit<TransferCurve> ssdWriteFit,
    Fit<Double> hostDispatchFit) {

  public CalibratedEfficiency {
    if (systemId == null || hbmFit == null || l2Fit == null || hostToDeviceFit == null || deviceToHostFit == null
        || hostToDevicePageableFit == null) {
      throw new IllegalArgumentException("systemId and the five transfer fits: expected all");
    }
    if (prefillAttentionFit == null) {
      throw new IllegalArgumentException("prefillAttentionFit: expected a fit (the GEMM curve when nothing was measured)");
    }
    gemmFits = Collections.unmodifiableMap(new EnumMap<>(gemmFits));
    patternFits = Collections.unmodifiableMap(patternFits.isEmpty()
        ? new EnumMap<>(AccessPattern.class) : new EnumMap<>(patternFits));
    if (hostDispatchFit == null) {
      throw new IllegalArgumentException("hostDispatchFit: expected a fit (the prior when nothing was measured)");
    }
    if (patternFits.containsKey(AccessPattern.STREAM)) {
      throw new IllegalArgumentException("patternFits: the stream pattern is the HBM fit, not a pattern fit");
    }
  }

  /** Host seconds to issue one kernel from eager PyTorch (measured, or {@code Runtime.EAGER}'s prior). */
  public double hostSecondsPerDispatch() {
    return hostDispatchFit.curve();
  }

  /** Whether the system has NVMe drives (and so drive curves). */
  public boolean hasDrives() {
    return ssdReadFit != null && ssdWriteFit != null;
  }

  /** Requests read from the local NVMe drives (all of them striped); null without drives. */
  public TransferCurve ssdRead() {
    return ssdReadFit == null ? null : ssdReadFit.curve();
  }

  /** Requests written to the local NVMe drives; null without drives. */
  public TransferCurve ssdWrite() {
    return ssdWriteFit == null ? null : ssdWriteFit.curve();
  }

  /**
   * The rate a kernel with this access pattern reaches: its own measured curve, or the HBM curve
   * when the pattern is a stream or was not measured on this system.
   */
  public TransferCurve pattern(AccessPattern pattern) {
    Fit<TransferCurve> fit = patternFits.get(pattern);
    return fit == null ? hbm() : fit.curve();
  }

  /** Streaming reads from device memory (HBM or GDDR). */
  public TransferCurve hbm() {
    return hbmFit.curve();
  }

  /** Reads of an L2-resident working set. */
  public TransferCurve l2() {
    return l2Fit.curve();
  }

  /** Pinned host memory to the GPU, one GPU's link. */
  public TransferCurve hostToDevice() {
    return hostToDeviceFit.curve();
  }

  /** The GPU to pinned host memory, one GPU's link. */
  public TransferCurve deviceToHost() {
    return deviceToHostFit.curve();
  }

  /** Pageable host memory to the GPU, one GPU's link. */
  public TransferCurve hostToDevicePageable() {
    return hostToDevicePageableFit.curve();
  }

  /** Fused prefill attention's efficiency, as a fraction of the fp16/bf16 tensor peak, by its work per call. */
  public GemmEfficiencyCurve prefillAttention() {
    return prefillAttentionFit.curve();
  }

  /** @throws IllegalArgumentException when the GPU has no tensor-core path for the type */
  public GemmEfficiencyCurve gemm(DataType type) {
    Fit<GemmEfficiencyCurve> fit = gemmFits.get(type);
    if (fit == null) {
      throw new IllegalArgumentException("data type: system '" + systemId + "' has no tensor-core path for "
          + type + "; calibrated: " + gemmFits.keySet());
    }
    return fit.curve();
  }

  /**
   * The same efficiency with every fitted parameter at one end of its 95 % confidence interval:
   * the curves that bound a prediction. Parameters that came from priors or single points have no
   * interval and stay as they are, so the bounds reflect only what the measurements leave open.
   */
  public CalibratedEfficiency at(Bound bound) {
    Map<DataType, Fit<GemmEfficiencyCurve>> gemms = new EnumMap<>(DataType.class);
    gemmFits.forEach((type, fit) -> gemms.put(type, gemmAt(fit, bound)));
    Map<AccessPattern, Fit<TransferCurve>> patterns = new EnumMap<>(AccessPattern.class);
    patternFits.forEach((pattern, fit) -> patterns.put(pattern, transferAt(fit, bound)));
    return new CalibratedEfficiency(systemId, transferAt(hbmFit, bound), transferAt(l2Fit, bound),
        transferAt(hostToDeviceFit, bound), transferAt(deviceToHostFit, bound), gemms, gemmAt(prefillAttentionFit, bound),
        transferAt(hostToDevicePageableFit, bound), patterns,
        ssdReadFit == null ? null : transferAt(ssdReadFit, bound), ssdWriteFit == null ? null : transferAt(ssdWriteFit, bound),
        dispatchAt(hostDispatchFit, bound));
  }

  private static Fit<TransferCurve> transferAt(Fit<TransferCurve> fit, Bound bound) {
    double latency = Math.max(0, bound.pick(fit.parameter(TransferCurveFit.LATENCY_S), false));
    double peak = bound.pick(fit.parameter(TransferCurveFit.PEAK_BYTES_PER_S), true);
    if (!(peak > 0) || Double.isInfinite(peak)) {
      peak = fit.curve().peakBytesPerS();
    }
    return withCurve(fit, new TransferCurve(latency, peak));
  }

  private static Fit<Double> dispatchAt(Fit<Double> fit, Bound bound) {
    double s = bound.pick(fit.parameter(HostDispatchFit.SECONDS_PER_DISPATCH), false);
    return withCurve(fit, s > 0 && Double.isFinite(s) ? s : fit.curve());
  }

  private static Fit<GemmEfficiencyCurve> gemmAt(Fit<GemmEfficiencyCurve> fit, Bound bound) {
    double effMax = bound.pick(fit.parameter(GemmEfficiencyFit.EFF_MAX), true);
    if (!(effMax > 0) || Double.isInfinite(effMax)) {
      effMax = fit.curve().effMax();
    }
    double half = Math.max(0, bound.pick(fit.parameter(GemmEfficiencyFit.HALF_WORK_MACS), false));
    return withCurve(fit, new GemmEfficiencyCurve(Math.min(1, effMax), half));
  }

  private static <T> Fit<T> withCurve(Fit<T> fit, T curve) {
    return new Fit<>(fit.name(), curve, fit.residuals(), fit.rmsRelativeError(), fit.maxRelativeError(), fit.points(),
        fit.degenerate(), fit.parameters());
  }

  /**
   * Every fit, transfers first, then GEMMs by type and prefill attention, then measured access
   * patterns, each named for a report.
   */
  public List<Fit<?>> fits() {
    List<Fit<?>> all = new ArrayList<>(List.of(hbmFit, l2Fit, hostToDeviceFit, deviceToHostFit, hostToDevicePageableFit));
    all.addAll(gemmFits.values());
    all.add(prefillAttentionFit);
    all.addAll(patternFits.values());
    if (hasDrives()) {
      all.add(ssdReadFit);
      all.add(ssdWriteFit);
    }
    all.add(hostDispatchFit);
    return List.copyOf(all);
  }
}
