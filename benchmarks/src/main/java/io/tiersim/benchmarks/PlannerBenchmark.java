package io.tiersim.benchmarks;

import io.tiersim.planner.local.LocalSearchSolver;
import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.RandomSpaces;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Solve time of the planner on a separable space of 80 layers x 48 options (the target, at
 * one batch size: exact under 1 s; local search within 0.5 % of it in under 10 s on 2 cores), at one
 * batch size ({@code batches=one}) or choosing among nine ({@code batches=nine}, where the local
 * search runs one search per batch size by successive halving, and the exact solver one pass per
 * batch size). The local search benchmark checks its gap at the end
 * of each trial and fails the run if it exceeds 0.5 %.
 * Run: {@code -Djmh.args='PlannerBenchmark -f 1 -wi 1 -i 3'}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PlannerBenchmark {
  @Param({"1", "2", "3"})
  long seed;

  @Param({"one", "nine"})
  String batches;

  private PlanSpace space;
  private double exactValue;
  private SolveResult last;

  @Setup
  public void build() {
    space = batches.equals("one") ? RandomSpaces.separable(seed, 80, 48)
        : RandomSpaces.batched(seed, 80, 48, 1, 2, 4, 8, 16, 24, 32, 48, 64);
    exactValue = new ExactSolver().solve(space, SolverOptions.defaults()).metrics().value(space.objective());
  }

  @Benchmark
  public SolveResult exact() {
    return new ExactSolver().solve(space, SolverOptions.defaults());
  }

  @Benchmark
  public SolveResult localSearch() {
    last = new LocalSearchSolver().solve(space, new SolverOptions(SolverKind.LOCAL_SEARCH, 10, 42));
    return last;
  }

  @TearDown
  public void checkGap() {
    if (last != null && last.metrics().value(space.objective()) < exactValue * 0.995) {
      throw new IllegalStateException("local search ended more than 0.5 % below the exact solver");
    }
  }
}
