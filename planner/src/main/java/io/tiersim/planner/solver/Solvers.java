package io.tiersim.planner.solver;

import io.tiersim.planner.local.LocalSearchSolver;
import io.tiersim.planner.space.PlanSpace;

/** Picks the solver for a kind; {@code auto} is exact on separable spaces and local search otherwise. */
public final class Solvers {
  private Solvers() {}

  public static SolveResult solve(PlanSpace space, SolverOptions options) {
    return switch (options.kind()) {
      case EXACT -> new ExactSolver().solve(space, options);
      case LOCAL_SEARCH -> new LocalSearchSolver().solve(space, options);
      case AUTO -> space.separable() ? new ExactSolver().solve(space, options) : new LocalSearchSolver().solve(space, options);
    };
  }
}
