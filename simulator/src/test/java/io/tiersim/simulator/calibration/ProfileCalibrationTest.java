package io.tiersim.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Calibration of every bundled system: it fits, fast, and never above a spec ceiling. */
final class ProfileCalibrationTest {
  static final HardwareCatalog CATALOG = HardwareCatalog.bundled();
  static final List<SystemProfile> SYSTEMS = CATALOG.systems();
  static final double SPEC_SLACK = 1.05;

  static Map<String, CalibratedEfficiency> fitAll() {
    return SYSTEMS.stream().collect(Collectors.toMap(SystemProfile::id, ProfileCalibration::fit));
  }

  @Test
  void everyBundledSystem_fitsEveryCurve_underItsSpecCeiling() {
    Map<String, CalibratedEfficiency> all = fitAll();
    for (SystemProfile s : SYSTEMS) {
      CalibratedEfficiency c = all.get(s.id());
      assertThat(c.hbm().peakBytesPerS()).as(s.id() + " hbm")
          .isLessThanOrEqualTo(s.gpu().hbmBandwidthBytesPerS() * SPEC_SLACK);
      assertThat(c.hostToDevice().peakBytesPerS()).as(s.id() + " h2d")
          .isLessThanOrEqualTo(s.hostLink().hostToDeviceBytesPerS() * SPEC_SLACK);
      assertThat(c.deviceToHost().peakBytesPerS()).as(s.id() + " d2h")
          .isLessThanOrEqualTo(s.hostLink().deviceToHostBytesPerS() * SPEC_SLACK);
      assertThat(c.l2().peakBytesPerS()).as(s.id() + " l2 above hbm").isGreaterThan(c.hbm().peakBytesPerS());
      assertThat(c.gemmFits()).as(s.id() + " gemm types").isNotEmpty();
      c.gemmFits().forEach((type, fit) -> assertThat(fit.curve().efficiency(8192, 8192, 8192))
          .as(s.id() + " gemm " + type).isGreaterThan(0).isLessThanOrEqualTo(1));
    }
  }

  @Test
  void everyFit_isNamedOnce_andReportsOneResidualPerPoint() {
    for (CalibratedEfficiency c : fitAll().values()) {
      List<String> names = c.fits().stream().map(Fit::name).toList();
      assertThat(names).doesNotHaveDuplicates().contains("hbm", "l2", "host-to-device", "device-to-host");
      assertThat(c.fits()).allSatisfy(f -> assertThat(f.residuals()).hasSize(f.points()));
    }
  }

  @Test
  void t4FlexGen_hostToDevice_isFittedFromTheGen3SizeSweep_andGemmFromTheT4Point() {
    CalibratedEfficiency t4 = ProfileCalibration.fit(CATALOG.system("t4-flexgen"));

    // V100 Gen3 sweep (32 kB, 1 MB, 256 MB) plus a T4 at 32 MB: the asymptote lies between the
    // T4's 9.7 and the V100's 12.35 GB/s, and the fixed cost is tens of microseconds.
    assertThat(t4.hostToDeviceFit().degenerate()).isFalse();
    assertThat(t4.hostToDeviceFit().points()).isEqualTo(4);
    assertThat(t4.hostToDevice().peakBytesPerS()).isBetween(9.7e9, 12.35e9);
    assertThat(t4.hostToDevice().latencyS()).isBetween(10e-6, 100e-6);
    // One sized GEMM point (24 TFLOP/s at 4096^3): effMax follows from it and the fixed-time prior.
    assertThat(t4.gemm(DataType.FP16).efficiency(4096, 4096, 4096)).isCloseTo(24.0 / 65, within(1e-6));
  }

  @Test
  void h100_gemmBf16_comesFromThe8192CubedPoint_andFp16SharesIt() {
    CalibratedEfficiency h100 = ProfileCalibration.fit(CATALOG.system("h100-sxm"));

    assertThat(h100.gemm(DataType.BF16).efficiency(8192, 8192, 8192)).isCloseTo(798 / 989.4, within(1e-9));
    assertThat(h100.gemm(DataType.FP16)).isEqualTo(h100.gemm(DataType.BF16));
    assertThat(h100.gemmFits().get(DataType.FP8).points()).isZero();
    assertThat(h100.gemm(DataType.FP8).effMax()).isEqualTo(ProfileCalibration.GEMM_EFF_MAX_PRIOR);
  }

  @Test
  void prefillAttention_withoutPoints_isTheHalfPrecisionGemmCeiling() {
    CalibratedEfficiency l40s = ProfileCalibration.fit(CATALOG.system("l40s"));
    assertThat(l40s.prefillAttentionFit().points()).isZero();
    assertThat(l40s.prefillAttentionFit().name()).isEqualTo(ProfileCalibration.PREFILL_ATTENTION_FIT);
    assertThat(l40s.prefillAttention()).isEqualTo(l40s.gemm(DataType.BF16));
    // The T4 has no bf16 path: fp16's curve.
    CalibratedEfficiency t4 = ProfileCalibration.fit(CATALOG.system("t4-flexgen"));
    assertThat(t4.prefillAttention()).isEqualTo(t4.gemm(DataType.FP16));
  }

  @Test
  void h100_prefillAttention_isFlashAttention2sPublishedUtilisation_belowTheGemmRate() {
    CalibratedEfficiency h100 = ProfileCalibration.fit(CATALOG.system("h100-sxm"));
    assertThat(h100.prefillAttentionFit().points()).isEqualTo(1);
    assertThat(h100.prefillAttention().effMax()).isCloseTo(346.3 / 989.4, within(1e-9));
    assertThat(h100.prefillAttention().effMax()).isLessThan(h100.gemm(DataType.BF16).effMax());
  }

  @Test
  void gemm_ofATypeWithoutTensorPath_failsNamingTheTypes() {
    CalibratedEfficiency t4 = ProfileCalibration.fit(CATALOG.system("t4-flexgen"));

    assertThatThrownBy(() -> t4.gemm(DataType.BF16))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bf16");
  }
}
