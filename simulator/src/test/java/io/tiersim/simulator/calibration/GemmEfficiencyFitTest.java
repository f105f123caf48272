package io.tiersim.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The GEMM efficiency fit against synthetic curves and the single 8192^3 point. */
final class GemmEfficiencyFitTest {
  static final double H100_BF16_FLOPS_PER_S = 989.4e12;
  static final GemmEfficiencyCurve TRUTH = new GemmEfficiencyCurve(0.85, 3e9);

  /** Square and skinny shapes from 256 to 16384. */
  static List<long[]> shapes() {
    List<long[]> shapes = new ArrayList<>();
    for (long d = 256; d <= 16384; d *= 2) {
      shapes.add(new long[] {d, d, d});
      shapes.add(new long[] {d, 4096, 4096});
    }
    return shapes;
  }

  static List<Sample> from(GemmEfficiencyCurve curve, double noise, long seed) {
    Random random = new Random(seed);
    return shapes().stream()
        .map(s -> new Sample((double) s[0] * s[1] * s[2],
            curve.efficiency(s[0], s[1], s[2]) * (1 + noise * random.nextGaussian())))
        .toList();
  }

  static Fit<GemmEfficiencyCurve> fit(List<Sample> samples) {
    return GemmEfficiencyFit.fit("gemm", samples, 5e-6, H100_BF16_FLOPS_PER_S, 0.78);
  }

  @Test
  void exactData_recoversParameters() {
    Fit<GemmEfficiencyCurve> fit = fit(from(TRUTH, 0, 1));

    assertThat(fit.curve().effMax()).isCloseTo(TRUTH.effMax(), within(1e-6 * TRUTH.effMax()));
    assertThat(fit.curve().halfWorkMacs()).isCloseTo(TRUTH.halfWorkMacs(), within(1e-6 * TRUTH.halfWorkMacs()));
    assertThat(fit.degenerate()).isFalse();
  }

  @Test
  void noisyData_recoversParametersWithinTolerance_andIntervalsCoverTruth() {
    // 3 % noise on 14 shapes. Over seeds 0-999 the worst errors were 3.9 % (effMax) and 7.0 %
    // (half-work), and the 95 % intervals held the truth 944 and 941 times: tolerances 5 % and 10 %.
    Fit<GemmEfficiencyCurve> fit = fit(from(TRUTH, 0.03, 7));

    assertThat(fit.curve().effMax()).isCloseTo(TRUTH.effMax(), within(0.05 * TRUTH.effMax()));
    assertThat(fit.curve().halfWorkMacs()).isCloseTo(TRUTH.halfWorkMacs(), within(0.10 * TRUTH.halfWorkMacs()));
    assertThat(fit.parameter(GemmEfficiencyFit.EFF_MAX).contains(TRUTH.effMax())).isTrue();
    assertThat(fit.parameter(GemmEfficiencyFit.HALF_WORK_MACS).contains(TRUTH.halfWorkMacs())).isTrue();
  }

  @Test
  void single8192CubedPoint_fitsEffMax_withHalfWorkFromFixedTimePrior() {
    double w = 8192.0 * 8192 * 8192;
    Fit<GemmEfficiencyCurve> fit = fit(List.of(new Sample(w, 798 / 989.4)));

    assertThat(fit.degenerate()).isTrue();
    assertThat(fit.residuals()).singleElement()
        .satisfies(r -> assertThat(r.relativeError()).isCloseTo(0, within(1e-12)));
    // 2w / (effMax * peak) + 5 us reproduces the measured time.
    double measuredS = 2 * w / 798e12;
    assertThat(fit.curve().seconds(8192, 8192, 8192, H100_BF16_FLOPS_PER_S)).isCloseTo(measuredS, within(1e-12));
    assertThat(2 * w / (fit.curve().effMax() * H100_BF16_FLOPS_PER_S) + 5e-6).isCloseTo(measuredS, within(1e-12));
  }

  @Test
  void efficiency_isAFractionThatGrowsWithEveryDimension() {
    GemmEfficiencyCurve curve = fit(from(TRUTH, 0.03, 7)).curve();
    for (long d = 1; d <= 65536; d *= 4) {
      assertThat(curve.efficiency(d, 4096, 4096)).isGreaterThan(0).isLessThanOrEqualTo(1)
          .isLessThan(curve.efficiency(d * 2, 4096, 4096))
          .isLessThan(curve.efficiency(d, 8192, 4096))
          .isLessThan(curve.efficiency(d, 4096, 8192));
    }
  }
}
