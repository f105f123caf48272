package io.tiersim.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.scenario.Runtime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The eager host's cost per launch: the mean of the probe's kernel-launch points, or the runtime's prior. */
final class HostDispatchFitTest {

  @Test
  void noPoints_givesTheEagerRuntimesPrior_withinTheRangeItsSourcesSpan() {
    Fit<Double> f = HostDispatchFit.fit(List.of());
    assertThat(f.curve()).isEqualTo(Runtime.EAGER.hostSecondsPerDispatch());
    assertThat(f.points()).isZero();
    ConfidenceInterval p = f.parameter(HostDispatchFit.SECONDS_PER_DISPATCH);
    assertThat(p.estimated()).isFalse();
    // A Python operator's 5-7 us plus a launch's 2.6-3.8 us (Runtime.EAGER's sources).
    assertThat(p.low()).isCloseTo(7.6e-6, within(1e-15));
    assertThat(p.high()).isCloseTo(10.8e-6, within(1e-15));
  }

  @Test
  void points_giveTheirMean_andAStudentTInterval() {
    // 6, 7, 8 us: mean 7, sample sd 1, t(2) = 4.303 -> 7 +- 2.484 us.
    Fit<Double> f = HostDispatchFit.fit(List.of(6e-6, 7e-6, 8e-6));
    assertThat(f.curve()).isCloseTo(7e-6, within(1e-15));
    ConfidenceInterval ci = f.parameter(HostDispatchFit.SECONDS_PER_DISPATCH);
    assertThat(ci.low()).isCloseTo(7e-6 - 4.302653 / Math.sqrt(3) * 1e-6, within(1e-11));
    assertThat(ci.high()).isCloseTo(7e-6 + 4.302653 / Math.sqrt(3) * 1e-6, within(1e-11));
    assertThat(f.residuals()).hasSize(3);
    assertThat(f.residuals().get(0).relativeError()).isCloseTo(7.0 / 6 - 1, within(1e-12));
    assertThat(f.residuals().get(2).relativeError()).isCloseTo(7.0 / 8 - 1, within(1e-12));
  }
}
