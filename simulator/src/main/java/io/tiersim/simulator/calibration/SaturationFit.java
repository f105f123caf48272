package io.tiersim.simulator.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * Least squares for the saturating rate y(x) = 1 / (alpha / x + beta), the form shared by the
 * latency-bandwidth transfer model (alpha = latency, beta = 1 / peak) and the GEMM efficiency
 * curve (alpha = half-work / effMax, beta = 1 / effMax).
 *
 * <p>Why a weighted linear regression rather than Levenberg-Marquardt: the cost x / y (time per
 * transfer, or work over efficiency) is linear in (alpha, beta), and its relative error
 * (alpha / x + beta) * y - 1 is what we want to minimise, since sizes span six orders of magnitude
 * and an absolute fit would ignore every small transfer. Weighting each row by y / x makes the
 * problem exactly linear: one QR solve, no starting point, no iterations, no local minima, and
 * the covariance s^2 (A^T A)^-1 is the same one LM's Jacobian would give at the optimum. To first
 * order the relative error of the cost equals minus the relative error of the rate.
 */
final class SaturationFit {
  private static final double TWO_SIDED_95 = 0.975;

  /**
   * The estimate with its (co)variances, NaN when not estimated.
   *
   * @param dof residual degrees of freedom; 0 when there is no interval
   * @param degenerate whether alpha came from the prior or beta was read off the best point
   * @param used the samples the estimate rests on, for the residuals
   */
  record Estimate(double alpha, double beta, double varianceAlpha, double varianceBeta,
      double covariance, int dof, boolean degenerate, List<Sample> used) {

    double predict(double x) {
      return 1 / (alpha / x + beta);
    }

    /** Student t quantile for a two-sided 95 % interval; NaN without degrees of freedom. */
    double tQuantile() {
      return dof > 0 ? new TDistribution(null, dof).inverseCumulativeProbability(TWO_SIDED_95) : Double.NaN;
    }

    List<Residual> residuals() {
      List<Residual> out = new ArrayList<>(used.size());
      for (Sample s : used) {
        out.add(Residual.of(s.x(), s.value(), predict(s.x())));
      }
      return out;
    }
  }

  private SaturationFit() {}

  /**
   * Fits both parameters when at least two distinct sizes were measured and the result is
   * physical (alpha >= 0, beta > 0); otherwise keeps {@code alphaPrior} and fits beta alone. With
   * only points of unknown size, beta comes from the best of them: the others (a remote NUMA
   * socket, a fitted end-to-end rate) measure something slower than the resource. Points of
   * unknown size are ignored when sized points exist. Empty when there are no samples.
   */
  static Optional<Estimate> estimate(List<Sample> samples, double alphaPrior) {
    List<Sample> sized = samples.stream().filter(Sample::sized).toList();
    if (sized.isEmpty()) {
      return samples.isEmpty() ? Optional.empty() : Optional.of(fromBest(samples, alphaPrior));
    }
    if (sized.stream().mapToDouble(Sample::x).distinct().count() >= 2) {
      Optional<Estimate> both = fitBoth(sized);
      if (both.isPresent()) {
        return both;
      }
    }
    Estimate withPrior = fitBeta(sized, alphaPrior);
    // A prior latency longer than a measured transfer leaves no room for a positive rate.
    return Optional.of(withPrior.beta() > 0 ? withPrior : fitBeta(sized, 0));
  }

  private static Estimate fromBest(List<Sample> samples, double alphaPrior) {
    double best = samples.stream().mapToDouble(Sample::value).max().orElseThrow();
    return new Estimate(alphaPrior, 1 / best, Double.NaN, Double.NaN, Double.NaN, 0, true, samples);
  }

  /** Rows (y/x, y) times (alpha, beta) = 1, columns scaled to unit norm for conditioning. */
  private static Optional<Estimate> fitBoth(List<Sample> sized) {
    int n = sized.size();
    double[][] rows = new double[n][2];
    for (int i = 0; i < n; i++) {
      rows[i][0] = sized.get(i).value() / sized.get(i).x();
      rows[i][1] = sized.get(i).value();
    }
    double[] scale = {columnNorm(rows, 0), columnNorm(rows, 1)};
    for (double[] row : rows) {
      row[0] /= scale[0];
      row[1] /= scale[1];
    }
    RealMatrix design = new Array2DRowRealMatrix(rows, false);
    DecompositionSolver solver = new QRDecomposition(design, 1e-12).getSolver();
    if (!solver.isNonSingular()) {
      return Optional.empty();
    }
    RealVector ones = new ArrayRealVector(n, 1.0);
    RealVector p = solver.solve(ones);
    double alpha = p.getEntry(0) / scale[0];
    double beta = p.getEntry(1) / scale[1];
    if (alpha < 0 || !(beta > 0)) {
      return Optional.empty();
    }
    double rss = design.operate(p).subtract(ones).dotProduct(design.operate(p).subtract(ones));
    double s2 = n > 2 ? rss / (n - 2) : Double.NaN;
    RealMatrix inverse = new LUDecomposition(design.transpose().multiply(design)).getSolver().getInverse();
    return Optional.of(new Estimate(alpha, beta,
        s2 * inverse.getEntry(0, 0) / (scale[0] * scale[0]),
        s2 * inverse.getEntry(1, 1) / (scale[1] * scale[1]),
        s2 * inverse.getEntry(0, 1) / (scale[0] * scale[1]),
        Math.max(0, n - 2), false, sized));
  }

  /** Minimises sum(((alpha/x + beta) y - 1)^2) over beta alone: closed form. */
  private static Estimate fitBeta(List<Sample> sized, double alpha) {
    double num = 0;
    double den = 0;
    for (Sample s : sized) {
      num += s.value() * (1 - alpha * s.value() / s.x());
      den += s.value() * s.value();
    }
    double beta = num / den;
    double rss = 0;
    for (Sample s : sized) {
      double r = (alpha / s.x() + beta) * s.value() - 1;
      rss += r * r;
    }
    int n = sized.size();
    double varianceBeta = n > 1 ? rss / (n - 1) / den : Double.NaN;
    return new Estimate(alpha, beta, Double.NaN, varianceBeta, Double.NaN, n - 1, true, sized);
  }

  private static double columnNorm(double[][] rows, int column) {
    double sum = 0;
    for (double[] row : rows) {
      sum += row[column] * row[column];
    }
    return Math.sqrt(sum);
  }
}
