package io.tiersim.planner.solver;

import java.util.Locale;

/**
 * A budget that cannot be met, with the smallest value that could be given the other budgets as
 * written; {@code alone} when even the lightest option in every layer needs more than the budget
 * ({@code least}).
 *
 * @param limit {@code least} and {@code smallest} in the budget's base unit: bytes, percent or seconds
 */
public record Shortfall(String budget, double limit, double least, double smallest, boolean alone) {

  public String message(int batchSize) {
    String at = " at batch size " + batchSize;
    String smallestText = String.format(Locale.ROOT, "the smallest value that could, with the other budgets as given, is %s",
        show(smallest));
    if (alone) {
      return String.format(Locale.ROOT, "%s = %s cannot be met%s: even the lightest option in every layer needs %s; %s",
          budget, show(limit), at, show(least), smallestText);
    }
    return String.format(Locale.ROOT, "%s = %s cannot be met together with the other budgets%s: %s",
        budget, show(limit), at, smallestText);
  }

  private String show(double v) {
    if (budget.endsWith("_gib")) {
      return String.format(Locale.ROOT, "%.2f GiB", v / (1L << 30));
    }
    if (budget.endsWith("_ms")) {
      return String.format(Locale.ROOT, "%.3f ms", v * 1e3);
    }
    return String.format(Locale.ROOT, "%.3f %%", v);
  }
}
