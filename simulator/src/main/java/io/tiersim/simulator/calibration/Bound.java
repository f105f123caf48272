package io.tiersim.simulator.calibration;

/**
 * Which end of a fitted parameter's 95 % confidence interval to take: the one that makes hardware
 * faster (higher peak, lower latency, higher efficiency) or slower.
 */
public enum Bound {
  OPTIMISTIC,
  PESSIMISTIC;

  /** The bound of {@code ci} on the side that raises a rate ({@code higherIsFaster}) or lowers it. */
  double pick(ConfidenceInterval ci, boolean higherIsFaster) {
    if (!ci.estimated() || Double.isNaN(ci.low()) || Double.isNaN(ci.high())) {
      return ci.value();
    }
    boolean high = (this == OPTIMISTIC) == higherIsFaster;
    return high ? ci.high() : ci.low();
  }
}
