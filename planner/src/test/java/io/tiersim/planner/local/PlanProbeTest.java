package io.tiersim.planner.local;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.planner.cost.CostSources;
import io.tiersim.planner.plan.PlanLoader;
import io.tiersim.planner.plan.PlanRequest;
import io.tiersim.planner.plan.PlanResult;
import io.tiersim.planner.plan.PlanWriter;
import io.tiersim.planner.plan.Planner;
import io.tiersim.planner.pricing.LayerSpan;
import io.tiersim.planner.solver.SolverKind;
import org.junit.jupiter.api.Test;

final class PlanProbeTest {
  @Test
  void probe() {
    PlanRequest q = PlanLoader.bundled().load(TiersimHome.scenarios().resolve("plans/llama-3.1-70b-h100-128k.yaml"));
    long p0 = System.nanoTime();
    var sp = new Planner(CostSources.forSystem(q.context().model(), q.context().system())).space(q);
    System.out.printf("pricing %.2fs%n", (System.nanoTime() - p0) / 1e9);
    long b0 = System.nanoTime();
    double bound = io.tiersim.planner.solver.ExactSolver.bound(sp, Double.NEGATIVE_INFINITY);
    System.out.printf("bound %.2fs %.3f%n", (System.nanoTime() - b0) / 1e9, bound);
    if (Boolean.getBoolean("only")) return;
    for (SolverKind k : new SolverKind[] {SolverKind.EXACT, SolverKind.LOCAL_SEARCH}) {
      long t0 = System.nanoTime();
      PlanResult r = new Planner(CostSources.forSystem(q.context().model(), q.context().system())).plan(q.withSolver(q.solver().withKind(k)));
      System.out.printf("%s %.2fs feasible %s separable %s%n", k, (System.nanoTime() - t0) / 1e9, r.feasible(), r.space().separable());
      if (r.feasible()) {
        var m = r.solve().metrics();
        System.out.printf("batch %d thr %.2f tpot %.3f ms quality %.4f gap %.4f%% baseline %s %.2f (batch %d) margin %.2f%% tightened %s%n", m.batchSize(), m.throughputTokensPerS(), m.tpotS() * 1e3,
            m.use(io.tiersim.planner.space.Resource.QUALITY), 100 * r.solve().gap(q.objective()), r.baseline().option(), r.baseline().metrics().throughputTokensPerS(), r.baseline().metrics().batchSize(), 100 * r.marginOverBaseline(), r.tightened());
        for (LayerSpan s : LayerSpan.of(r.solve().assignment().options())) {
          System.out.println("  " + s.range() + " " + r.space().optionNames().get(s.option()));
        }
      } else {
        r.solve().shortfalls().forEach(s -> System.out.println(s.message(r.solve().shortfallBatchSize())));
      }
    }
  }
}
