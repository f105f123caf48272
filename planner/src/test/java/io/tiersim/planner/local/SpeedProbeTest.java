package io.tiersim.planner.local;

import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.RandomSpaces;
import org.junit.jupiter.api.Test;

final class SpeedProbeTest {
  @Test
  void probe() {
    for (long seed = 1; seed <= 3; seed++) {
      PlanSpace s = RandomSpaces.separable(seed, 80, 48);
      long t0 = System.nanoTime();
      SolveResult e = new ExactSolver().solve(s, SolverOptions.defaults());
      long t1 = System.nanoTime();
      SolveResult ls = new LocalSearchSolver().solve(s, new SolverOptions(SolverKind.LOCAL_SEARCH, Double.parseDouble(System.getProperty("lim", "3")), 42));
      long t2 = System.nanoTime();
      System.out.printf("seed %d exact %.3fs value %.6f bound %.6f | ls %.3fs value %s gap %.4f%%%n", seed, (t1 - t0) / 1e9,
          e.metrics().value(Objective.THROUGHPUT), e.boundValue(), (t2 - t1) / 1e9,
          ls.feasible() ? ls.metrics().value(Objective.THROUGHPUT) : "infeasible",
          ls.feasible() ? 100 * (e.metrics().value(Objective.THROUGHPUT) - ls.metrics().value(Objective.THROUGHPUT)) / e.metrics().value(Objective.THROUGHPUT) : Double.NaN);
    }
  }
}
