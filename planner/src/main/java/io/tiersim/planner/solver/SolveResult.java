package io.tiersim.planner.solver;

import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.PlanMetrics;
import java.util.List;

/**
 * What a solver found: the assignment and its metrics (null when none is feasible, with the
 * shortfalls that say why), and the exact solver's bound on the objective's value, so the gap says
 * how far from optimal the plan can be.
 *
 * @param boundValue the best value any feasible plan could reach (objective value: higher is
 *     better); NaN when not computed
 */
public record SolveResult(
    String solver, Assignment assignment, PlanMetrics metrics, double boundValue, List<Shortfall> shortfalls,
    int shortfallBatchSize) {

  public SolveResult {
    shortfalls = List.copyOf(shortfalls);
  }

  public boolean feasible() {
    return assignment != null;
  }

  /** The relative gap between the bound and the plan's value (0 = proven optimal). */
  public double gap(Objective objective) {
    if (!feasible() || Double.isNaN(boundValue)) {
      return Double.NaN;
    }
    double v = metrics.value(objective);
    return Math.max(0, (boundValue - v) / Math.abs(v));
  }

  public SolveResult withBound(double bound) {
    return new SolveResult(solver, assignment, metrics, bound, shortfalls, shortfallBatchSize);
  }
}
