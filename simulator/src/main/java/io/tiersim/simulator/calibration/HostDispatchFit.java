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
 * prior when the profile has none. The cost model scales every host cost of a runtime by the
 * measured over the prior, so framework calls that launch nothing keep the prior's ratio (a view
 * costs half a launch).
 */
public final class HostDispatchFit {
  public static final String SECONDS_PER_DISPATCH = "secondsPerDispatch";

  private HostDispatchFit() {}

  /** @param measuredS seconds per launch, one value per measured point */
  public static Fit<Double> fit(List<Double> measuredS) {
    double prior = Runtime.EAGER.hostSecondsPerDispatch();
    if (measuredS.isEmpty()) {
      return Fit.of("host-dispatch", prior, List.of(), true,
          Map.of(SECONDS_PER_DISPATCH, ConfidenceInterval.notEstimated(prior)));
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
