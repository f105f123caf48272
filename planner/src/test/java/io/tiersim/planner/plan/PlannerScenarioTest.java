package io.tiersim.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.planner.cost.CostSources;
import io.tiersim.planner.local.LocalSearchSolver;
import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.PlanSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner on the bundled real scenario: Llama-3.1-70B at 128K on one H100 server. */
final class PlannerScenarioTest {
  static Planner planner(PlanRequest r) {
    return new Planner(CostSources.forSystem(r.context().model(), r.context().system()));
  }

  @Test
  void bundledScenario_withGpuOnlyOptions_isSeparable_andLocalSearchLandsWithinHalfAPercentOfExact() {
    PlanRequest base = Requests.bundled();
    PlanRequest r = Requests.with(base, Requests.gpuOnly(base), List.of(16, 32), base.budgets(), SolverKind.EXACT);
    PlanSpace space = planner(r).space(r);
    assertThat(space.separable()).isTrue();
    SolveResult exact = new ExactSolver().solve(space, SolverOptions.defaults());
    SolveResult ls = new LocalSearchSolver().solve(space, new SolverOptions(SolverKind.LOCAL_SEARCH, 10, 42));
    assertThat(exact.feasible()).isTrue();
    assertThat(exact.gap(r.objective())).as("exact vs its bound").isLessThan(1e-3);
    assertThat(ls.metrics().value(r.objective())).isGreaterThanOrEqualTo(exact.metrics().value(r.objective()) * 0.995);
  }

  @Test
  void bundledScenario_perLayerPlan_beatsTheBestUniformOption_byMoreThanOnePercent() {
    PlanRequest base = Requests.bundled();
    PlanRequest r = Requests.with(base, base.context().candidates(), List.of(32, 48, 64), base.budgets(), SolverKind.EXACT);
    PlanResult result = planner(r).plan(r);
    assertThat(result.feasible()).isTrue();
    assertThat(result.baseline()).isNotNull();
    assertThat(result.marginOverBaseline()).isGreaterThan(0.01);
    assertThat(result.memory().fits()).isTrue();
  }
}
