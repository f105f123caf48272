package io.tiersim.simulator.calibration;

/**
 * A fitted parameter with its standard error and 95 % confidence interval (Student t on the fit's
 * residual degrees of freedom, from the least-squares covariance). The standard error is NaN when
 * the data cannot estimate it: the parameter came from a prior, or there were no more points than
 * parameters. A prior may still state the range its sources span ({@link #priorRange}); the bounds
 * are NaN when nothing gives one.
 */
public record ConfidenceInterval(double value, double standardError, double low, double high) {

  /** A parameter fixed by a prior or read off a single point: no interval. */
  public static ConfidenceInterval notEstimated(double value) {
    return new ConfidenceInterval(value, Double.NaN, Double.NaN, Double.NaN);
  }

  /**
   * A prior's value and the range its sources span (for example the fractions of spec bandwidth
   * that the bundled measurements reach): not estimated from data, but bounded.
   */
  public static ConfidenceInterval priorRange(double value, double low, double high) {
    if (!(low <= value && value <= high)) {
      throw new IllegalArgumentException("prior range: expected low <= value <= high, got " + low + ", " + value
          + ", " + high);
    }
    return new ConfidenceInterval(value, Double.NaN, low, high);
  }

  /** value +- t * standardError; not estimated when either is NaN. */
  static ConfidenceInterval symmetric(double value, double standardError, double t) {
    if (Double.isNaN(standardError) || Double.isNaN(t)) {
      return notEstimated(value);
    }
    return new ConfidenceInterval(value, standardError, value - t * standardError, value + t * standardError);
  }

  /**
   * The interval of 1/b mapped from the symmetric interval of b (exact, unlike the delta method);
   * the upper bound is infinite when b's interval reaches zero.
   */
  static ConfidenceInterval reciprocal(double b, double standardErrorB, double t) {
    if (Double.isNaN(standardErrorB) || Double.isNaN(t)) {
      return notEstimated(1 / b);
    }
    double upperB = b + t * standardErrorB;
    double lowerB = b - t * standardErrorB;
    return new ConfidenceInterval(1 / b, standardErrorB / (b * b), 1 / upperB,
        lowerB > 0 ? 1 / lowerB : Double.POSITIVE_INFINITY);
  }

  public boolean estimated() {
    return !Double.isNaN(standardError);
  }

  /** Whether the parameter has bounds: a confidence interval, or a prior's stated range. */
  public boolean bounded() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  public boolean contains(double v) {
    return estimated() && v >= low && v <= high;
  }
}
