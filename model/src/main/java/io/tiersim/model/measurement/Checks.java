package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;
import java.util.List;

/** Checks shared by the records of a measurement file. */
final class Checks {
  /** Slack for p10 <= median <= p90: the three come from the same samples, so only rounding separates them. */
  private static final double ORDER_SLACK = 1e-9;

  private Checks() {}

  static double positive(Double value, String field) {
    return Require.positive(Require.present(value, field).doubleValue(), field);
  }

  static void check(Double median, Double p10, Double p90, Double iqr, Integer samples) {
    double m = positive(median, "median");
    double lo = positive(p10, "p10");
    double hi = positive(p90, "p90");
    Require.nonNegative(Require.present(iqr, "iqr").doubleValue(), "iqr");
    Require.positive(Require.present(samples, "samples").intValue(), "samples");
    if (lo > m * (1 + ORDER_SLACK) || m > hi * (1 + ORDER_SLACK)) {
      throw new IllegalArgumentException("median: expected p10 <= median <= p90, got " + lo + ", " + m + ", " + hi);
    }
  }

  /** A copy of a required list whose every entry is present, so a {@code null} entry names its index. */
  static <T> List<T> entries(List<T> list, String field) {
    Require.present(list, field);
    for (int i = 0; i < list.size(); i++) {
      Require.present(list.get(i), field + "[" + i + "]");
    }
    return List.copyOf(list);
  }

  /** As {@link #entries}, but an absent list is empty. */
  static <T> List<T> optionalEntries(List<T> list, String field) {
    return list == null ? List.of() : entries(list, field);
  }
}
