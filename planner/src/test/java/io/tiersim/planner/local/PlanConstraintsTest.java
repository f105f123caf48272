package io.tiersim.planner.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.planner.cost.RunCost;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Budgets;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.OptionTable;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.BudgetDimension;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.SolverFactory;

/** One check per constraint: it penalises exactly when its own budget breaks (a ConstraintVerifier in spirit). */
final class PlanConstraintsTest {
  static final Map<BudgetDimension, String> NAMES = Map.of(
      BudgetDimension.GPU_PREFILL, "GPU memory at prefill", BudgetDimension.GPU_DECODE, "GPU memory at decode",
      BudgetDimension.CPU_PREFILL, "CPU memory at prefill", BudgetDimension.CPU_DECODE, "CPU memory at decode",
      BudgetDimension.DISK_PREFILL, "disk at prefill", BudgetDimension.DISK_DECODE, "disk at decode", BudgetDimension.QUALITY, "quality loss");

  /** Two layers, two options; option 0 uses 2 of {@code r} per layer, option 1 uses 1; time 1 s per layer and phase. */
  static PlanSpace space(BudgetDimension r, double cap, double ttftS, double tpotS, double linkS) {
    BudgetDimension[] rs = BudgetDimension.values();
    double[][][] use = new double[rs.length][2][2];
    for (int l = 0; l < 2; l++) {
      use[r.ordinal()][l][0] = 2;
      use[r.ordinal()][l][1] = 1;
    }
    double[][] ones = {{1, 1}, {1, 1}};
    double[][] link = {{linkS, linkS}, {linkS, linkS}};
    OptionTable t = new OptionTable(1, 1, ones, ones, link, use, new double[rs.length][2], RunCost.NONE);
    Map<BudgetDimension, Double> caps = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension x : rs) {
      caps.put(x, x == r ? cap : Double.POSITIVE_INFINITY);
    }
    return new PlanSpace(List.of(t), List.of("heavy", "light"), new Budgets(caps, ttftS, tpotS), Objective.THROUGHPUT);
  }

  static Map<String, HardSoftLongScore> explain(PlanSpace space, int option) {
    PlanSolution s = new PlanSolution(new ScaledSpace(space), 0);
    s.layers.forEach(l -> l.option = option);
    var factory = SolverFactory.<PlanSolution>create(LocalSearchSolver.config(new SolverOptions(SolverKind.LOCAL_SEARCH, 1, 1)));
    SolutionManager<PlanSolution, HardSoftLongScore> manager = SolutionManager.create(factory);
    return manager.explain(s).getConstraintMatchTotalMap().values().stream()
        .collect(Collectors.toMap(ConstraintMatchTotal::getConstraintName, ConstraintMatchTotal::getScore));
  }

  static long hard(Map<String, HardSoftLongScore> scores, String name) {
    HardSoftLongScore s = scores.get(name);
    return s == null ? 0 : s.hardScore();
  }

  @ParameterizedTest
  @EnumSource(BudgetDimension.class)
  void eachBudget_penalisesOnlyWhenItsOwnSumExceedsIt(BudgetDimension r) {
    PlanSpace space = space(r, 3, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0);
    Map<String, HardSoftLongScore> heavy = explain(space, 0);
    assertThat(hard(heavy, NAMES.get(r))).as("4 units against 3").isNegative();
    NAMES.values().stream().filter(n -> !n.equals(NAMES.get(r))).forEach(n -> assertThat(hard(heavy, n)).as(n).isZero());
    assertThat(hard(explain(space, 1), NAMES.get(r))).as("2 units against 3").isZero();
  }

  @Test
  void timeToFirstToken_penalisesPrefillBeyondTheLimit() {
    assertThat(hard(explain(space(BudgetDimension.QUALITY, 10, 1.5, Double.POSITIVE_INFINITY, 0), 0), "time to first token")).isNegative();
    assertThat(hard(explain(space(BudgetDimension.QUALITY, 10, 2.5, Double.POSITIVE_INFINITY, 0), 0), "time to first token")).isZero();
  }

  @Test
  void timePerOutputToken_takesTheSlowerOfGpuAndTheSharedLink() {
    assertThat(hard(explain(space(BudgetDimension.QUALITY, 10, Double.POSITIVE_INFINITY, 2.5, 0), 0), "time per output token")).isZero();
    // Each layer's link time (1.5 s) hides under its own GPU time, but both layers share the link: 3 s > 2.5 s.
    assertThat(hard(explain(space(BudgetDimension.QUALITY, 10, Double.POSITIVE_INFINITY, 2.5, 1.5), 0), "time per output token")).isNegative();
  }

  @Test
  void objective_rewardsThroughputOfTheSlowerDecodeSide() {
    long gpuBound = explain(space(BudgetDimension.QUALITY, 10, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 0), 0).get("objective").softScore();
    long linkBound = explain(space(BudgetDimension.QUALITY, 10, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 3), 0).get("objective").softScore();
    // One token over 2 s prefill + 2 s decode, then over 2 s + 6 s of link.
    assertThat(gpuBound).isEqualTo(Math.round(1 / 4.0 * ScaledSpace.SOFT_UNITS));
    assertThat(linkBound).isEqualTo(Math.round(1 / 8.0 * ScaledSpace.SOFT_UNITS));
  }
}
