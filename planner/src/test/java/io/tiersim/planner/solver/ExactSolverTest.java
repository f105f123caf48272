package io.tiersim.planner.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.RandomSpaces;
import io.tiersim.planner.space.BudgetDimension;
import org.junit.jupiter.api.Test;

final class ExactSolverTest {

  /** The best feasible value by enumerating every assignment (tiny spaces only). */
  static double bruteForce(PlanSpace space) {
    int layers = space.layers();
    int options = space.options();
    int[] o = new int[layers];
    double best = Double.NEGATIVE_INFINITY;
    while (true) {
      PlanMetrics m = PlanEvaluator.evaluate(space, new Assignment(0, o));
      if (m.feasible()) {
        best = Math.max(best, m.value(Objective.THROUGHPUT));
      }
      int i = 0;
      while (i < layers && ++o[i] == options) {
        o[i++] = 0;
      }
      if (i == layers) {
        return best;
      }
    }
  }

  @Test
  void exact_onTinySpaces_matchesBruteForce_andBoundsItFromAbove() {
    int optimal = 0;
    for (long seed = 1; seed <= 60; seed++) {
      PlanSpace space = RandomSpaces.separable(seed, 6, 4);
      double truth = bruteForce(space);
      SolveResult r = new ExactSolver().solve(space, SolverOptions.defaults());
      assertThat(r.feasible()).as("seed %d", seed).isEqualTo(truth > Double.NEGATIVE_INFINITY);
      if (!r.feasible()) {
        continue;
      }
      double v = r.metrics().value(Objective.THROUGHPUT);
      assertThat(r.metrics().feasible()).isTrue();
      // Optimal up to the Lagrangian duality gap, which one layer of six can make visible.
      assertThat(v).as("seed %d plan", seed).isLessThanOrEqualTo(truth * (1 + 1e-12)).isGreaterThanOrEqualTo(truth * (1 - 1e-2));
      assertThat(r.boundValue()).as("seed %d bound", seed).isGreaterThanOrEqualTo(truth * (1 - 1e-12));
      optimal += v >= truth * (1 - 1e-12) ? 1 : 0;
    }
    assertThat(optimal).as("spaces solved to the optimum").isGreaterThanOrEqualTo(50);
  }

  @Test
  void exact_on80LayersBy48Options_isWithinATenthOfAPercentOfItsBound() {
    for (long seed = 1; seed <= 3; seed++) {
      PlanSpace space = RandomSpaces.separable(seed, 80, 48);
      SolveResult r = new ExactSolver().solve(space, SolverOptions.defaults());
      assertThat(r.gap(Objective.THROUGHPUT)).as("seed %d", seed).isLessThan(1e-3);
    }
  }

  @Test
  void infeasibleQuality_aloneNamesTheBudget_andTheSmallestValueMakesItFeasible() {
    PlanSpace space = RandomSpaces.separable(7, 10, 6);
    double least = RandomSpaces.leastSum(space, BudgetDimension.QUALITY);
    PlanSpace tight = RandomSpaces.withBudget(space, BudgetDimension.QUALITY, least * 0.5);
    SolveResult r = new ExactSolver().solve(tight, SolverOptions.defaults());
    assertThat(r.feasible()).isFalse();
    Shortfall s = r.shortfalls().get(0);
    assertThat(s.budget()).isEqualTo("budgets.quality_loss_pct");
    assertThat(s.alone()).isTrue();
    assertThat(s.least()).isCloseTo(least, org.assertj.core.data.Percentage.withPercentage(1e-6));
    assertThat(s.smallest()).isGreaterThanOrEqualTo(s.least());
    assertThat(s.message(1)).contains("cannot be met").contains("lightest option").contains("smallest value that could");
    assertThat(new ExactSolver().solve(RandomSpaces.withBudget(space, BudgetDimension.QUALITY, s.smallest() * (1 + 1e-9)),
        SolverOptions.defaults()).feasible()).isTrue();
    assertThat(new ExactSolver().solve(RandomSpaces.withBudget(space, BudgetDimension.QUALITY, s.smallest() * (1 - 1e-3)),
        SolverOptions.defaults()).feasible()).isFalse();
  }

  @Test
  void budgetsThatFailOnlyTogether_reportTheSmallestValueGivenTheOthers() {
    PlanSpace space = RandomSpaces.separable(11, 10, 6);
    // The lightest-memory plan loses the most quality: cap quality below what that plan loses, memory at its minimum.
    double leastMemory = RandomSpaces.leastSum(space, BudgetDimension.GPU_DECODE);
    double leastQuality = RandomSpaces.leastSum(space, BudgetDimension.QUALITY);
    PlanSpace tight = RandomSpaces.withBudget(RandomSpaces.withBudget(RandomSpaces.withBudget(space,
        BudgetDimension.GPU_DECODE, leastMemory * 1.0001), BudgetDimension.GPU_PREFILL, leastMemory * 1.0001), BudgetDimension.QUALITY, leastQuality * 1.0001);
    SolveResult r = new ExactSolver().solve(tight, SolverOptions.defaults());
    if (r.feasible()) {
      return; // this seed's lightest plan is also the most accurate; nothing to diagnose
    }
    assertThat(r.shortfalls()).isNotEmpty().allSatisfy(s -> assertThat(s.alone()).isFalse());
    Shortfall s = r.shortfalls().get(0);
    BudgetDimension which = s.budget().equals("budgets.quality_loss_pct") ? BudgetDimension.QUALITY : BudgetDimension.GPU_DECODE;
    PlanSpace relaxed = RandomSpaces.withBudget(tight, which, s.smallest() * (1 + 1e-6));
    if (which == BudgetDimension.GPU_DECODE) {
      relaxed = RandomSpaces.withBudget(relaxed, BudgetDimension.GPU_PREFILL, s.smallest() * (1 + 1e-6));
    }
    assertThat(new ExactSolver().solve(relaxed, SolverOptions.defaults()).feasible()).isTrue();
  }
}
