package io.tiersim.simulator.calibration;

/**
 * How far a fitted curve lies from one measured point: {@code relativeError} is
 * (predicted - measured) / measured of the rate. {@code x} is +infinity for a point measured at an
 * unrecorded size, compared with the curve's asymptote.
 */
public record Residual(double x, double measured, double predicted, double relativeError) {

  static Residual of(double x, double measured, double predicted) {
    return new Residual(x, measured, predicted, (predicted - measured) / measured);
  }
}
