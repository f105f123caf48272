package io.tiersim.planner.local;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.planner.cost.CostSources;
import io.tiersim.planner.plan.PlanLoader;
import io.tiersim.planner.plan.PlanRequest;
import io.tiersim.planner.plan.Planner;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.PlanSpace;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optaplanner.core.api.solver.SolverFactory;

final class LsProbeTest {
  @Test
  void probe() {
    PlanRequest q = PlanLoader.bundled().load(TiersimHome.scenarios().resolve("plans/llama-3.1-70b-h100-128k.yaml"));
    PlanSpace sp = new Planner(CostSources.forSystem(q.context().model(), q.context().system())).space(q);
    for (List<Integer> keep : List.of(List.of(4), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8))) {
      PlanSpace s = new PlanSpace(keep.stream().map(sp::table).toList(), sp.optionNames(), sp.budgets(), sp.objective());
      for (double lim : new double[] {1, 2}) {
        var cfg = LocalSearchSolver.config(new SolverOptions(SolverKind.LOCAL_SEARCH, lim, 42));
        var solver = SolverFactory.<PlanSolution>create(cfg).buildSolver();
        long t0 = System.nanoTime();
        PlanSolution best = solver.solve(new PlanSolution(new ScaledSpace(s)));
        System.out.printf("batches %s lim %.0f wall %.2fs score %s%n", keep, lim, (System.nanoTime() - t0) / 1e9, best.score);
      }
    }
  }
}
