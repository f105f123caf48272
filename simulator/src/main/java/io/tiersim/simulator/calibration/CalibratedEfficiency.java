package io.tiersim.simulator.calibration;

import io.tiersim.model.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one system's measurements say code reaches on it: transfer curves for HBM, L2 and each
 * direction of the host link, and a GEMM efficiency curve per tensor-core operand type, each kept
 * with its {@link Fit} for reporting. Built by {@link ProfileCalibration#fit}.
 *
 * @param gemmFits one fit per operand type the GPU's tensor cores take
 * @param hostToDevicePageableFit copies from pageable (unpinned) host memory, which the driver or
 *     the framework stages through pinned buffers
 */
public record CalibratedEfficiency(
    String systemId,
    Fit<TransferCurve> hbmFit,
    Fit<TransferCurve> l2Fit,
    Fit<TransferCurve> hostToDeviceFit,
    Fit<TransferCurve> deviceToHostFit,
    Map<DataType, Fit<GemmEfficiencyCurve>> gemmFits,
    Fit<TransferCurve> hostToDevicePageableFit) {

  public CalibratedEfficiency {
    if (systemId == null || hbmFit == null || l2Fit == null || hostToDeviceFit == null || deviceToHostFit == null
        || hostToDevicePageableFit == null) {
      throw new IllegalArgumentException("systemId and the five transfer fits: expected all");
    }
    gemmFits = Collections.unmodifiableMap(new EnumMap<>(gemmFits));
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

  /** @throws IllegalArgumentException when the GPU has no tensor-core path for the type */
  public GemmEfficiencyCurve gemm(DataType type) {
    Fit<GemmEfficiencyCurve> fit = gemmFits.get(type);
    if (fit == null) {
      throw new IllegalArgumentException("data type: system '" + systemId + "' has no tensor-core path for "
          + type + "; calibrated: " + gemmFits.keySet());
    }
    return fit.curve();
  }

  /** Every fit, transfers first then GEMMs by type, each named for a report. */
  public List<Fit<?>> fits() {
    List<Fit<?>> all = new ArrayList<>(List.of(hbmFit, l2Fit, hostToDeviceFit, deviceToHostFit, hostToDevicePageableFit));
    all.addAll(gemmFits.values());
    return List.copyOf(all);
  }
}
