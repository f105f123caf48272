package io.tiersim.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.planner.cost.CostSources;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.BudgetDimension;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import io.tiersim.simulator.memory.PhaseMemory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The planner's per-layer memory model agrees with the accountant on mixed plans, byte for byte. */
final class PlanFootprintTest {
  @Test
  void mixedGpuOnlyPlans_predictTheAccountantsPeaks() {
    PlanRequest base = Requests.bundled();
    PlanRequest r = Requests.with(base, Requests.gpuOnly(base), List.of(4), base.budgets(), SolverKind.EXACT);
    PlanSpace space = new Planner(CostSources.forSystem(r.context().model(), r.context().system())).space(r);
    MemoryAccountant accountant = new MemoryAccountant(r.context().model(), r.context().system());
    Random rnd = new Random(9);
    for (int trial = 0; trial < 5; trial++) {
      int[] options = new int[space.layers()];
      for (int l = 0; l < options.length; l++) {
        options[l] = rnd.nextInt(space.options());
      }
      PlanMetrics predicted = PlanEvaluator.evaluate(space, new Assignment(0, options));
      MemoryReport actual = accountant.account(r.context().strategy("mixed", options), r.context().workload().withBatchSize(4));
      for (BudgetDimension res : BudgetDimension.values()) {
        if (res.isMemory()) {
          PhaseMemory phase = res.atPrefill() ? actual.prefill() : actual.decode();
          double bytes = phase.tier(res.tier()).totalBytes();
          assertThat(predicted.use(res)).as("%s trial %d", res, trial).isCloseTo(bytes, within(1e-9 * Math.max(1, bytes)));
        }
      }
    }
  }
}
