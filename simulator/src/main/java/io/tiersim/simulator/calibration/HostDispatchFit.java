package io.tiersim.simulator.calibration;

import io.tiersim.model.scenario.Runtime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The host's time to issue one kernel from eager PyTorch: the mean of the probe's kernel-launch
 * points (a Python loop of one-element in-place adds timed by CUDA events, which the host paces
 * when it is slower than the GPU), with a Student-t 95 % interval, or {@link Runtime#EAGER}'s
 * prior, within the range its sources span, when the profile has none. The cost model scales
 * every host cost of a runtime by the measured over the prior, so framework calls that launch
 * nothing keep the prior's ratio (a view costs half a launch).
 */
public final class HostDispatchFit {
  public static final String SECONDS_PER_DISPATCH = "secondsPerDispatch";

  /**
   * The range of {@link Runtime#EAGER}'s 10 us prior, from the figures its comment cites: a Python
   * operator's 5-7 us plus a launch's 2.6-3.8 us.
   */
  static final double[] PRIOR_RANGE_S = {5e-6 + 2.6e-6, 7e-6 + 3.8e-6};

  private HostDispatchFit() {}

  /** @param measuredS seconds per launch, one value per measured point */
  public static Fit<Double> fit(List<Double> measuredS) {
    double prior = Runtime.EAGER.hostSecondsPerDispatch();
    if (measuredS.isEmpty()) {
      return Fit.of("host-dispatch", prior, List.of(), true,
          Map.of(SECONDS_PER_DISPATCH, ConfidenceInterval.priorRange(prior, PRIOR_RANGE_S[0], PRIOR_RANGE_S[1])));
    }
    SummaryStatistics stats = new SummaryStatistics();
    measuredS.forEach(stats::addValue);
    double mean = stats.getMean();
    int n = measuredS.size();
    double t = n > 1 ? new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) : Double.NaN;
    double se = n > 1 ? stats.getStandardDeviation() / Math.sqrt(n) : Double.NaN;
    List<Residual> residuals = new ArrayList<>();
    for (double v : measuredS) {
      residuals.add(Residual.of(Double.POSITIVE_INFINITY, v, mean));
    }
    return Fit.of("host-dispatch", mean, residuals, false,
        Map.of(SECONDS_PER_DISPATCH, ConfidenceInterval.symmetric(mean, se, t)));
  }
}
