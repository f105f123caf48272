package io.tiersim.simulator.calibration;

/**
 * A fitted parameter with its standard error and 95 % confidence interval (Student t on the fit's
 * residual degrees of freedom, from the least-squares covariance). Standard error and bounds are
 * NaN when the data cannot estimate them: the parameter came from a prior, or there were no more
 * points than parameters.
 */
public record ConfidenceInterval(double value, double standardError, double low, double high) {

  /** A parameter fixed by a prior or read off a single point: no interval. */
  public static ConfidenceInterval notEstimated(double value) {
    return new ConfidenceInterval(value, Double.NaN, Double.NaN, Double.NaN);
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

  public boolean contains(double v) {
    return estimated() && v >= low && v <= high;
  }
}
