package io.tiersim.simulator.validation;

/**
 * A published row, what tiersim predicts for it, and whether the difference is acceptable.
 *
 * @param low the prediction at the pessimistic or optimistic end of the efficiency curves' bounds,
 *     whichever is lower (see {@code CalibratedEfficiency.at}); NaN for memory and ratio rows
 * @param high the other end; NaN likewise
 */
public record RowResult(PublishedRow row, double predicted, double low, double high, double error, Status status) {

  /** Within tolerance; outside it but explained in the manifest; or outside and unexplained. */
  public enum Status { WITHIN, EXPLAINED, UNEXPLAINED }

  public double absError() {
    return Math.abs(error);
  }

  /** Whether the row has a prediction interval. */
  public boolean hasInterval() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }

  /** Whether the published value (or range) meets the prediction interval. */
  public boolean publishedInInterval() {
    if (!hasInterval()) {
      return false;
    }
    double lo = row.publishedRange() != null ? row.publishedRange().get(0) : row.published();
    double hi = row.publishedRange() != null ? row.publishedRange().get(1) : row.published();
    return hi >= low && lo <= high;
  }
}
