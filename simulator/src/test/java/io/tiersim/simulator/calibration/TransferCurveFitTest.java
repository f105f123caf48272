package io.tiersim.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The latency-bandwidth fit against synthetic curves and the V100 PCIe Gen3 memcpy sweep. */
final class TransferCurveFitTest {
  static final TransferCurve TRUTH = new TransferCurve(12e-6, 24e9);
  static final TransferCurve FALLBACK = new TransferCurve(30e-6, 16e9);

  /** 4 kB to 4 GB, four sizes per decade. */
  static List<Double> sizes() {
    List<Double> sizes = new ArrayList<>();
    for (double log = 12; log <= 32; log += 0.83) {
      sizes.add(Math.pow(2, log));
    }
    return sizes;
  }

  static List<Sample> from(TransferCurve curve, double noise, long seed) {
    Random random = new Random(seed);
    return sizes().stream()
        .map(b -> new Sample(b, curve.achievedBytesPerS(b) * (1 + noise * random.nextGaussian())))
        .toList();
  }

  @Test
  void exactData_recoversParameters() {
    Fit<TransferCurve> fit = TransferCurveFit.fit("exact", from(TRUTH, 0, 1), 30e-6, FALLBACK);

    assertThat(fit.curve().latencyS()).isCloseTo(TRUTH.latencyS(), within(1e-6 * TRUTH.latencyS()));
    assertThat(fit.curve().peakBytesPerS()).isCloseTo(TRUTH.peakBytesPerS(), within(1e-6 * TRUTH.peakBytesPerS()));
    assertThat(fit.degenerate()).isFalse();
    assertThat(fit.maxRelativeError()).isLessThan(1e-9);
  }

  @Test
  void noisyData_recoversParametersWithinTolerance_andIntervalsCoverTruth() {
    // 3 % Gaussian noise on 25 sizes. Over seeds 0-999 the worst errors were 2.6 % (peak) and 4.0 %
    // (latency), and the 95 % intervals held the truth 948 and 943 times: tolerances 5 % and 10 %.
    Fit<TransferCurve> fit = TransferCurveFit.fit("noisy", from(TRUTH, 0.03, 42), 30e-6, FALLBACK);

    assertThat(fit.curve().peakBytesPerS()).isCloseTo(TRUTH.peakBytesPerS(), within(0.05 * TRUTH.peakBytesPerS()));
    assertThat(fit.curve().latencyS()).isCloseTo(TRUTH.latencyS(), within(0.10 * TRUTH.latencyS()));
    assertThat(fit.parameter(TransferCurveFit.PEAK_BYTES_PER_S).contains(TRUTH.peakBytesPerS())).isTrue();
    assertThat(fit.parameter(TransferCurveFit.LATENCY_S).contains(TRUTH.latencyS())).isTrue();
    assertThat(fit.rmsRelativeError()).isBetween(0.01, 0.05);
  }

  @Test
  void v100Gen3Sweep_givesAsymptoteAndTensOfMicroseconds_withEveryResidual() {
    List<Sample> sweep = List.of(new Sample(32768, 0.93e9), new Sample(1048576, 9.25e9),
        new Sample(268435456, 12.35e9));

    Fit<TransferCurve> fit = TransferCurveFit.fit("v100-gen3", sweep, 30e-6, FALLBACK);

    assertThat(fit.curve().peakBytesPerS()).isCloseTo(12.35e9, within(0.05 * 12.35e9));
    assertThat(fit.curve().latencyS()).isBetween(10e-6, 100e-6);
    assertThat(fit.degenerate()).isFalse();
    assertThat(fit.residuals()).hasSize(3).allSatisfy(r -> assertThat(r.relativeError()).isBetween(-0.1, 0.1));
    assertThat(fit.residuals()).extracting(Residual::x).containsExactly(32768.0, 1048576.0, 268435456.0);
    assertThat(fit.parameter(TransferCurveFit.LATENCY_S).estimated()).isTrue();
  }

  @Test
  void singleLargePoint_takesLatencyPrior_andMeasuredPeak() {
    Fit<TransferCurve> fit = TransferCurveFit.fit("one", List.of(new Sample(1L << 30, 25e9)), 30e-6, FALLBACK);

    assertThat(fit.degenerate()).isTrue();
    assertThat(fit.curve().latencyS()).isEqualTo(30e-6);
    assertThat(fit.curve().peakBytesPerS()).isCloseTo(25e9, within(0.001 * 25e9));
    assertThat(fit.parameter(TransferCurveFit.PEAK_BYTES_PER_S).estimated()).isFalse();
  }

  @Test
  void pointsOfUnknownSize_takeBestAsPeak_andReportEveryResidual() {
    List<Sample> points = List.of(Sample.atUnknownSize(12.15e9), Sample.atUnknownSize(3.78e9));

    Fit<TransferCurve> fit = TransferCurveFit.fit("sizeless", points, 30e-6, FALLBACK);

    assertThat(fit.curve()).isEqualTo(new TransferCurve(30e-6, 12.15e9));
    assertThat(fit.degenerate()).isTrue();
    assertThat(fit.residuals()).extracting(Residual::relativeError)
        .containsExactly(0.0, 12.15 / 3.78 - 1);
  }

  @Test
  void bandwidthFallingWithSize_keepsLatencyPrior_ratherThanNegativeLatency() {
    // nvbandwidth on A100: 25.13 GB/s at 512 MiB, 18.05 at 10 GiB, 16.50 at 20 GiB.
    List<Sample> points = List.of(new Sample(536870912, 25.13e9), new Sample(10737418240.0, 18.05e9),
        new Sample(21474836480.0, 16.50e9));

    Fit<TransferCurve> fit = TransferCurveFit.fit("a100-h2d", points, 30e-6, FALLBACK);

    assertThat(fit.degenerate()).isTrue();
    assertThat(fit.curve().latencyS()).isEqualTo(30e-6);
    assertThat(fit.curve().peakBytesPerS()).isBetween(16.5e9, 25.13e9);
    assertThat(fit.parameter(TransferCurveFit.PEAK_BYTES_PER_S).estimated()).isTrue();
  }

  @Test
  void noPoints_isTheFallback_withNaNErrors() {
    Fit<TransferCurve> fit = TransferCurveFit.fit("none", List.of(), 30e-6, FALLBACK);

    assertThat(fit.curve()).isEqualTo(FALLBACK);
    assertThat(fit.points()).isZero();
    assertThat(fit.degenerate()).isTrue();
    assertThat(fit.rmsRelativeError()).isNaN();
  }

  @Test
  void curve_timeGrowsWithBytes_andAchievedBandwidthStaysBelowPeak() {
    double previousS = 0;
    double previousRate = 0;
    for (double bytes : sizes()) {
      assertThat(TRUTH.seconds(bytes)).isGreaterThan(previousS);
      assertThat(TRUTH.achievedBytesPerS(bytes)).isGreaterThan(previousRate).isLessThan(TRUTH.peakBytesPerS());
      previousS = TRUTH.seconds(bytes);
      previousRate = TRUTH.achievedBytesPerS(bytes);
    }
    assertThat(TRUTH.achievedBytesPerS(TRUTH.halfPeakBytes())).isCloseTo(TRUTH.peakBytesPerS() / 2, within(1.0));
    assertThat(TRUTH.seconds(0)).isZero();
  }
}
