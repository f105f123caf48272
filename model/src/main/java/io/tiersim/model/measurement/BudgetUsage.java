package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;

/** The run's time budget, the time it used, and whether the budget ran out (some items skipped). */
public record BudgetUsage(Double limitS, Double usedS, Boolean exhausted) {
  public BudgetUsage {
    Checks.positive(limitS, "limit_s");
    Require.nonNegative(Require.present(usedS, "used_s").doubleValue(), "used_s");
    Require.present(exhausted, "exhausted");
  }
}
