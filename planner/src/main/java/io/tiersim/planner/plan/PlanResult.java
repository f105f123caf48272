package io.tiersim.planner.plan;

import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.simulator.memory.MemoryReport;
import java.util.List;

/**
 * A planning run's outcome: the solver's result, and when it found a plan, the plan as a strategy
 * (config and resolved), its memory re-simulated by the accountant, and the best uniform option under
 * the same budgets for comparison.
 *
 * @param tightened budgets the planner had to tighten because the accountant's re-simulation found
 *     more no-layer memory than the per-option model predicted
 */
public record PlanResult(
    PlanRequest request,
    PlanSpace space,
    SolveResult solve,
    StrategyConfig planConfig,
    Strategy plan,
    MemoryReport memory,
    Baseline baseline,
    List<String> tightened,
    String costSource) {

  public PlanResult {
    tightened = List.copyOf(tightened);
  }

  public boolean feasible() {
    return solve.feasible();
  }

  public int batchSize() {
    return solve.metrics().batchSize();
  }

  /** The best plan that gives every layer one option, with its value under the same budgets. */
  public record Baseline(String option, PlanMetrics metrics) {}

  /** How much better the plan's objective is than the baseline's, as a fraction (NaN without a baseline). */
  public double marginOverBaseline() {
    if (!feasible() || baseline == null) {
      return Double.NaN;
    }
    double p = solve.metrics().value(request.objective());
    double b = baseline.metrics().value(request.objective());
    return (p - b) / Math.abs(b);
  }
}
