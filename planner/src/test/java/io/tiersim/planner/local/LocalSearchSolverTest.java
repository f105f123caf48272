package io.tiersim.planner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.RandomSpaces;
import java.util.List;
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

  /**
   * Several batch sizes, the best inside the range: every layer's costs and memory change with the
   * batch size, so the search has to compare batch sizes, not only tune layers at the first one.
   */
  @Test
  void localSearch_onRandomSpacesWithSeveralBatchSizes_findsTheBestBatchSize_andLandsWithinHalfAPercent() {
    for (long seed = 1; seed <= 4; seed++) {
      PlanSpace space = RandomSpaces.batched(seed, 40, 24, 1, 2, 4, 8, 16, 32, 64);
      SolveResult exact = new ExactSolver().solve(space, SolverOptions.defaults());
      assertThat(exact.metrics().batchSize()).as("seed %d: the optimum is not at the first batch size", seed).isGreaterThan(1);
      SolveResult ls = new LocalSearchSolver().solve(space, new SolverOptions(SolverKind.LOCAL_SEARCH, 2, seed));
      assertThat(ls.feasible()).as("seed %d", seed).isTrue();
      assertThat(ls.metrics().batchSize()).as("seed %d", seed).isEqualTo(exact.metrics().batchSize());
      assertThat(value(ls)).as("seed %d", seed).isGreaterThanOrEqualTo(value(exact) * (1 - TOLERANCE));
      assertThat(value(ls)).as("seed %d: never above the bound", seed).isLessThanOrEqualTo(exact.boundValue() * (1 + 1e-9));
    }
  }

  /** Seeds 2 and 6: a construction without the budgets' surrogate weights ends over them at the best batch size. */
  @Test
  void construction_isWithinEveryBudget_atEveryBatchSizeWhereAPlanExists() {
    for (long seed : new long[] {2, 6}) {
      PlanSpace space = RandomSpaces.batched(seed, 40, 24, 1, 2, 4, 8, 16, 32, 64);
      ScaledSpace scaled = new ScaledSpace(space);
      for (int b = 0; b < space.tables().size(); b++) {
        PlanSpace one = new PlanSpace(List.of(space.table(b)), space.optionNames(), space.budgets(), space.objective());
        boolean exists = new ExactSolver().solve(one, SolverOptions.defaults()).feasible();
        PlanMetrics built = PlanEvaluator.evaluate(space, new Assignment(b, GreedyConstruction.plan(scaled, b)));
        assertThat(built.feasible()).as("seed %d, batch %d", seed, space.table(b).batchSize()).isEqualTo(exists);
      }
    }
  }

  @Test
  void sameSeedAndLimit_giveTheSamePlan_overSeveralBatchSizes() {
    PlanSpace space = RandomSpaces.batched(9, 30, 16, 4, 8, 16, 32);
    SolverOptions o = new SolverOptions(SolverKind.LOCAL_SEARCH, 0.5, 7);
    assertThat(new LocalSearchSolver().solve(space, o).assignment()).isEqualTo(new LocalSearchSolver().solve(space, o).assignment());
  }

  @Test
  void successiveHalving_roundsUntilOneBatchSizeIsLeft() {
    assertThat(LocalSearchSolver.rounds(1)).isEqualTo(1);
    assertThat(LocalSearchSolver.rounds(2)).isEqualTo(2);
    assertThat(LocalSearchSolver.rounds(9)).isEqualTo(5);
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
