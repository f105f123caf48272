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
  void boundsMoveEveryEstimatedParameterTheRightWay_andLeavePriorsAlone() {
    CalibratedEfficiency t4 = ProfileCalibration.fit(io.tiersim.model.hardware.HardwareCatalog.bundled()
        .system("t4-flexgen"));
    CalibratedEfficiency fast = t4.at(Bound.OPTIMISTIC);
    CalibratedEfficiency slow = t4.at(Bound.PESSIMISTIC);
    assertThat(fast.hostToDevice().peakBytesPerS()).isGreaterThan(t4.hostToDevice().peakBytesPerS());
    assertThat(slow.hostToDevice().peakBytesPerS()).isLessThan(t4.hostToDevice().peakBytesPerS());
    assertThat(fast.hostToDevice().latencyS()).isLessThanOrEqualTo(t4.hostToDevice().latencyS());
    // The device-to-host curve rests on one sized point and priors: no interval.
    assertThat(fast.deviceToHost()).isEqualTo(t4.deviceToHost());
    assertThat(slow.l2()).isEqualTo(t4.l2());
  }
}
