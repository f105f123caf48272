package io.tiersim.planner.solver;

import java.util.Locale;

/**
 * A budget that cannot be met, with the smallest value that could be: alone (even the lightest
 * option in every layer needs more) or given the other budgets as written.
 *
 * @param limit and {@code smallest} in the budget's base unit: bytes, percent or seconds
 */
public record Shortfall(String budget, double limit, double smallest, boolean alone) {

  public String message(int batchSize) {
    String at = " at batch size " + batchSize;
    if (alone) {
      return String.format(Locale.ROOT, "%s = %s cannot be met%s: even the lightest option in every layer needs %s",
          budget, show(limit), at, show(smallest));
    }
    return String.format(Locale.ROOT, "%s = %s cannot be met together with the other budgets%s: the smallest value that could is %s",
        budget, show(limit), at, show(smallest));
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
