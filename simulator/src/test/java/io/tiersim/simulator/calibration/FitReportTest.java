package io.tiersim.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.MeasuredPoint;
import io.tiersim.model.hardware.MeasurementKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic and units, against hand calculations. */
final class FitReportTest {

  static Fit<TransferCurve> transferFit(List<Residual> residuals, ConfidenceInterval latency,
      ConfidenceInterval peak) {
    Map<String, ConfidenceInterval> ps = new LinkedHashMap<>();
    ps.put(TransferCurveFit.LATENCY_S, latency);
    ps.put(TransferCurveFit.PEAK_BYTES_PER_S, peak);
    return Fit.of("host-to-device", new TransferCurve(latency.value(), peak.value()), residuals, false, ps);
  }

  @Test
  void line_hasTheRmsAndLargestResidual_inPercent() {
    // Residuals +1 % and -3 %: rms = sqrt((0.01^2 + 0.03^2) / 2) = 2.236 %, max 3 %.
    Fit<TransferCurve> fit = transferFit(List.of(Residual.of(1e6, 100, 101), Residual.of(1e7, 100, 97)),
        new ConfidenceInterval(10e-6, 0.5e-6, 9e-6, 11e-6), new ConfidenceInterval(35.2e9, 1e8, 35e9, 35.4e9));
    FitReport.Line line = FitReport.Line.of(fit, 0);

    assertThat(line.rmsRelativeError()).isCloseTo(Math.sqrt((0.01 * 0.01 + 0.03 * 0.03) / 2), within(1e-12));
    assertThat(line.maxRelativeError()).isCloseTo(0.03, within(1e-12));
    assertThat(line.points()).isEqualTo(2);
    String row = new FitReport("t", List.of(line), List.of()).render();
    assertThat(row).contains("2.24 %").contains("3.00 %")
        .contains("latency 10.00 us [9.000, 11.00]").contains("peak 35.20 GB/s [35.00, 35.40]");
  }

  @Test
  void parameters_areShownInReadableUnits() {
    FitReport.Parameter half = FitReport.Parameter.of(GemmEfficiencyFit.HALF_WORK_MACS,
        new ConfidenceInterval(2.0e9, 1e7, 1.98e9, 2.02e9));
    assertThat(half.unit()).isEqualTo("GMAC");
    assertThat(half.value()).isCloseTo(2.0, within(1e-12));
    assertThat(half.low()).isCloseTo(1.98, within(1e-12));
    FitReport.Parameter eff = FitReport.Parameter.of(GemmEfficiencyFit.EFF_MAX, ConfidenceInterval.notEstimated(0.78));
    assertThat(eff.estimated()).isFalse();
    assertThat(eff.render()).isEqualTo("effMax 0.780");
    FitReport.Parameter ranged = FitReport.Parameter.of(GemmEfficiencyFit.EFF_MAX,
        ConfidenceInterval.priorRange(0.78, 0.675, 0.869));
    assertThat(ranged.estimated()).isFalse();
    assertThat(ranged.prior()).isTrue();
    assertThat(ranged.render()).isEqualTo("effMax 0.780 prior [0.675, 0.869]");
  }

  @Test
  void priorOnlyCurve_saysSo_insteadOfResiduals() {
    Fit<TransferCurve> prior = TransferCurveFit.prior("l2", new TransferCurve(5e-6, 1e12));
    String text = new FitReport("t", List.of(FitReport.Line.of(prior, 0)), List.of()).render();
    assertThat(text).contains("(prior: no points)").containsPattern("l2\\s+0\\s+-\\s+-");
  }

  @Test
  void numbers_keepFourDigits_withoutExponentsInTheUsualRange() {
    assertThat(FitReport.number(2884.83)).isEqualTo("2884.8");
    assertThat(FitReport.number(35.2467)).isEqualTo("35.25");
    assertThat(FitReport.number(0.80612)).isEqualTo("0.806");
    assertThat(FitReport.number(2.5e-5)).isEqualTo("2.500e-05");
    assertThat(FitReport.number(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(FitReport.percent(Double.NaN)).isEqualTo("-");
  }

  @Test
  void memoryBound_followsTheSpecRoofline() {
    var h100 = HardwareCatalog.bundled().gpu("h100-sxm");
    // 1 x 4096 x 14336: 117 MB of weights for 117 MFLOP, far below the ridge of 295 FLOP/byte.
    assertThat(ProfileCalibration.memoryBound(h100, gemm(1, 14336, 4096, DataType.BF16))).isTrue();
    assertThat(ProfileCalibration.memoryBound(h100, gemm(8192, 8192, 8192, DataType.BF16))).isFalse();
    // 1024 x 4096 x 4096: 34.4 GFLOP over 50 MB = 683 FLOP/byte, compute-bound.
    assertThat(ProfileCalibration.memoryBound(h100, gemm(1024, 4096, 4096, DataType.BF16))).isFalse();
    // 256 x 14336 x 4096: 30.1 GFLOP over 127 MB = 237 FLOP/byte, memory-bound.
    assertThat(ProfileCalibration.memoryBound(h100, gemm(256, 14336, 4096, DataType.BF16))).isTrue();
    assertThat(ProfileCalibration.memoryBound(h100,
        new MeasuredPoint(MeasurementKind.GEMM, null, null, null, null, null, DataType.BF16, 1e14, "s", null))).isFalse();
  }

  private static MeasuredPoint gemm(int m, int n, int k, DataType type) {
    return new MeasuredPoint(MeasurementKind.GEMM, null, m, n, k, null, type, 1e14, "test", null);
  }
}
