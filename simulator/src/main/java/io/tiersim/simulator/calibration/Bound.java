package io.tiersim.simulator.calibration;

/**
 * Which end of a parameter's bounds to take (a fitted parameter's 95 % confidence interval, or a
 * prior's stated range): the one that makes hardware faster (higher peak, lower latency, higher
 * efficiency) or slower.
 */
public enum Bound {
  OPTIMISTIC,
  PESSIMISTIC;

  /** The bound of {@code ci} on the side that raises a rate ({@code higherIsFaster}) or lowers it. */
  double pick(ConfidenceInterval ci, boolean higherIsFaster) {
    if (!ci.bounded()) {
      return ci.value();
    }
    boolean high = (this == OPTIMISTIC) == higherIsFaster;
    return high ? ci.high() : ci.low();
  }
}
