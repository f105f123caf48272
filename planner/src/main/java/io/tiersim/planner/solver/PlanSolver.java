package io.tiersim.planner.solver;

import io.tiersim.planner.space.PlanSpace;

/** Chooses a batch size and one option per layer for a plan space. */
public interface PlanSolver {
  SolveResult solve(PlanSpace space, SolverOptions options);
}
