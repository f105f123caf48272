package io.tiersim.simulator.validation;

import io.tiersim.model.io.Require;
import java.util.List;

/**
 * One published measurement and the scenario that reproduces its configuration.
 *
 * @param scenario path of the scenario file, relative to the tiersim home
 * @param strategy the strategy of that scenario that ran
 * @param published the number the paper printed; or null with {@code publishedRange}
 * @param publishedRange a claimed range [low, high] (KIVI's "2.35x-3.47x")
 * @param baseline when set, the row is a ratio: this strategy's metric over the baseline's
 * @param atMaxBatch evaluate each strategy at the largest batch that fits (capacity claims)
 * @param batchSize evaluate at this batch instead of the scenario's (tables that give one per row)
 * @param ranking rows sharing a ranking name must come out in the published order
 * @param explanation why the model misses this row, when it does (never a tuned constant)
 */
public record PublishedRow(
    String id,
    String group,
    String source,
    String scenario,
    String strategy,
    Metric metric,
    Double published,
    List<Double> publishedRange,
    String baseline,
    Boolean atMaxBatch,
    Integer batchSize,
    String ranking,
    String explanation) {

  public PublishedRow {
    Require.nonBlank(id, "id");
    Require.nonBlank(group, "group");
    Require.nonBlank(source, "source");
    Require.nonBlank(scenario, "scenario");
    Require.nonBlank(strategy, "strategy");
    Require.present(metric, "metric");
    if ((published == null) == (publishedRange == null)) {
      throw new IllegalArgumentException("published: expected exactly one of published and published_range");
    }
    if (published != null) {
      Require.positive(published, "published");
    }
    if (publishedRange != null) {
      if (publishedRange.size() != 2 || !(publishedRange.get(0) > 0) || !(publishedRange.get(1) >= publishedRange.get(0))) {
        throw new IllegalArgumentException("published_range: expected [low, high] with 0 < low <= high, got " + publishedRange);
      }
      publishedRange = List.copyOf(publishedRange);
    }
    if (batchSize != null) {
      Require.positive(batchSize, "batch_size");
    }
  }

  public boolean isRatio() {
    return baseline != null;
  }

  public boolean maxBatch() {
    return Boolean.TRUE.equals(atMaxBatch);
  }

  /**
   * Signed relative error of a prediction: against the published number, or against the nearest
   * end of a published range (zero inside it).
   */
  public double error(double predicted) {
    if (published != null) {
      return (predicted - published) / published;
    }
    double low = publishedRange.get(0);
    double high = publishedRange.get(1);
    if (predicted < low) {
      return (predicted - low) / low;
    }
    return predicted > high ? (predicted - high) / high : 0;
  }

  /** The published value as text: a number or a range. */
  public String publishedText() {
    return published != null ? Format.number(published)
        : Format.number(publishedRange.get(0)) + "-" + Format.number(publishedRange.get(1));
  }
}
