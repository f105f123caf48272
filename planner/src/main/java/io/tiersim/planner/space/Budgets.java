package io.tiersim.planner.space;

import java.util.EnumMap;
import java.util.Map;

/**
 * The caps a plan must meet, resolved: bytes per tier (the budget the user gave, or the tier's
 * usable capacity), the quality-loss budget in percent, and optional latency limits (infinite when
 * absent).
 */
public record Budgets(Map<BudgetDimension, Double> capacity, double ttftLimitS, double tpotLimitS) {
  public Budgets {
    capacity = new EnumMap<>(capacity);
    for (BudgetDimension r : BudgetDimension.values()) {
      if (!capacity.containsKey(r)) {
        throw new IllegalArgumentException("budgets: no capacity for " + r);
      }
    }
  }

  public double of(BudgetDimension r) {
    return capacity.get(r);
  }

  /** The same budgets with one resource's capacity replaced. */
  public Budgets with(BudgetDimension r, double value) {
    Map<BudgetDimension, Double> c = new EnumMap<>(capacity);
    c.put(r, value);
    return new Budgets(c, ttftLimitS, tpotLimitS);
  }

  public boolean hasTtftLimit() {
    return Double.isFinite(ttftLimitS);
  }

  public boolean hasTpotLimit() {
    return Double.isFinite(tpotLimitS);
  }
}
