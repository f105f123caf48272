package io.tiersim.planner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.RandomSpaces;
import org.junit.jupiter.api.Test;

final class LocalSearchSolverTest {
  static final double TOLERANCE = 0.005;

  static double value(SolveResult r) {
    return r.metrics().value(Objective.THROUGHPUT);
  }

  @Test
  void localSearch_onRandomSeparableSpaces_landsWithinHalfAPercentOfTheExactOptimum() {
    for (long seed = 1; seed <= 3; seed++) {
      PlanSpace space = RandomSpaces.separable(100 + seed, 40, 24);
      SolveResult exact = new ExactSolver().solve(space, SolverOptions.defaults());
      SolveResult ls = new LocalSearchSolver().solve(space, new SolverOptions(SolverKind.LOCAL_SEARCH, 3, seed));
      assertThat(ls.feasible()).as("seed %d", seed).isTrue();
      assertThat(value(ls)).as("seed %d", seed).isGreaterThanOrEqualTo(value(exact) * (1 - TOLERANCE));
      assertThat(value(ls)).as("seed %d: never above the bound", seed).isLessThanOrEqualTo(exact.boundValue() * (1 + 1e-9));
    }
  }

  @Test
  void localSearch_onEightyLayersByFortyEightOptions_landsWithinHalfAPercent() {
    PlanSpace space = RandomSpaces.separable(1, 80, 48);
    SolveResult exact = new ExactSolver().solve(space, SolverOptions.defaults());
    SolveResult ls = new LocalSearchSolver().solve(space, new SolverOptions(SolverKind.LOCAL_SEARCH, 10, 42));
    assertThat(value(ls)).isGreaterThanOrEqualTo(value(exact) * (1 - TOLERANCE));
  }

  @Test
  void sameSeedAndLimit_giveTheSamePlan() {
    PlanSpace space = RandomSpaces.separable(5, 30, 16);
    SolverOptions o = new SolverOptions(SolverKind.LOCAL_SEARCH, 0.5, 7);
    SolveResult a = new LocalSearchSolver().solve(space, o);
    SolveResult b = new LocalSearchSolver().solve(space, o);
    assertThat(a.assignment()).isEqualTo(b.assignment());
  }
}
