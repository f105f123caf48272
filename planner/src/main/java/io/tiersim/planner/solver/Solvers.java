package io.tiersim.planner.solver;

import io.tiersim.planner.local.LocalSearchSolver;
import io.tiersim.planner.space.PlanSpace;

/**
 * Picks the solver for a kind. {@code auto} is exact on separable spaces and local search
 * otherwise; where the exact solver's own plan sits more than {@link #AUTO_GAP} below its bound
 * (its grid and priced budgets can miss plans when two budgets bind), the local search runs too
 * and the better plan is kept, with the exact bound.
 */
public final class Solvers {
  /**
   * The exact plan's gap to its bound beyond which {@code auto} also runs the local search: the
   * local search's own accuracy on the bundled instances (within 0.5 % of exact, by the tests).
   */
  public static final double AUTO_GAP = 0.005;

  private Solvers() {}

  public static SolveResult solve(PlanSpace space, SolverOptions options) {
    return switch (options.kind()) {
      case EXACT -> new ExactSolver().solve(space, options);
      case LOCAL_SEARCH -> new LocalSearchSolver().solve(space, options);
      case AUTO -> space.separable() ? exactThenSearch(space, options) : new LocalSearchSolver().solve(space, options);
    };
  }

  private static SolveResult exactThenSearch(PlanSpace space, SolverOptions options) {
    SolveResult exact = new ExactSolver().solve(space, options);
    if (!exact.feasible() || !(exact.gap(space.objective()) > AUTO_GAP)) {
      return exact;
    }
    SolveResult search = new LocalSearchSolver().solve(space, options, exact.boundValue());
    if (!search.feasible()
        || search.metrics().value(space.objective()) <= exact.metrics().value(space.objective())) {
      return exact;
    }
    return search;
  }
}
