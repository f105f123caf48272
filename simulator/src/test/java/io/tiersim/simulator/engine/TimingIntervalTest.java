package io.tiersim.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.Simulator;
import io.tiersim.simulator.calibration.Bound;
import io.tiersim.simulator.calibration.CalibratedEfficiency;
import io.tiersim.simulator.calibration.ProfileCalibration;
import io.tiersim.simulator.result.StrategyResult;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Prediction intervals from the fitted curves' confidence intervals. */
final class TimingIntervalTest {
  static final Path HOME = Path.of(System.getProperty("tiersim.home", "."));

  @Test
  void aFittedLink_givesAnIntervalAroundThePrediction() {
    // The T4 machine's host-to-device curve is fitted from four sized points, so it has a CI.
    Scenario s = ScenarioLoader.bundled().load(HOME.resolve("scenarios/published/flexgen-t4-opt-30b.yaml"));
    for (StrategyResult r : Simulator.simulate(s).results()) {
      TimingInterval.Range gen = r.timingInterval().generationTokensPerS();
      assertThat(gen.contains(r.timing().generationTokensPerS())).as(r.strategy()).isTrue();
      assertThat(gen.high()).as(r.strategy()).isGreaterThan(gen.low());
    }
  }

  @Test
  void boundsMoveFittedParametersAndRangedPriors_theRightWay_andLeaveSinglePointsAlone() {
    CalibratedEfficiency t4 = ProfileCalibration.fit(io.tiersim.model.hardware.HardwareCatalog.bundled()
        .system("t4-flexgen"));
    CalibratedEfficiency fast = t4.at(Bound.OPTIMISTIC);
    CalibratedEfficiency slow = t4.at(Bound.PESSIMISTIC);
    assertThat(fast.hostToDevice().peakBytesPerS()).isGreaterThan(t4.hostToDevice().peakBytesPerS());
    assertThat(slow.hostToDevice().peakBytesPerS()).isLessThan(t4.hostToDevice().peakBytesPerS());
    assertThat(fast.hostToDevice().latencyS()).isLessThanOrEqualTo(t4.hostToDevice().latencyS());
    // The device-to-host curve rests on one sized point: no interval.
    assertThat(fast.deviceToHost()).isEqualTo(t4.deviceToHost());
    // No L2 point: the prior, 2.5 times the HBM peak, spans the bundled pairs' 1.6 to 3.6.
    double hbm = t4.hbm().peakBytesPerS();
    assertThat(slow.l2().peakBytesPerS()).isCloseTo(1.6 * hbm, org.assertj.core.api.Assertions.within(1e-3 * hbm));
    assertThat(fast.l2().peakBytesPerS()).isCloseTo(3.6 * hbm, org.assertj.core.api.Assertions.within(1e-3 * hbm));
    assertThat(slow.l2().latencyS()).isEqualTo(9e-6);
  }

  @Test
  void aProfileWithoutMeasurements_stillGetsTheRangeItsPriorsSpan() {
    CalibratedEfficiency l40s = ProfileCalibration.fit(io.tiersim.model.hardware.HardwareCatalog.bundled()
        .system("l40s"));
    CalibratedEfficiency slow = l40s.at(Bound.PESSIMISTIC);
    // Fused prefill attention: the GEMM curve at best, FlashAttention-2's share of cuBLAS on the H100 at worst.
    assertThat(l40s.prefillAttention()).isEqualTo(l40s.gemm(io.tiersim.model.DataType.BF16));
    assertThat(slow.prefillAttention().effMax()).isCloseTo(210.7 / 312 * 346.3 / 798,
        org.assertj.core.api.Assertions.within(1e-9));
    // Host links without a point: the spec rate, down to the measured links' 0.77 of it.
    assertThat(slow.hostToDevice().peakBytesPerS() / l40s.hostToDevice().peakBytesPerS())
        .isCloseTo(0.77, org.assertj.core.api.Assertions.within(1e-9));
  }
}
