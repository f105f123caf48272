package io.tiersim.planner.solver;

/**
 * How to solve: which solver, the local search's limit in seconds, and its random seed. The limit is
 * turned into a fixed amount of work (score calculations), so one seed and one limit give one plan
 * on any machine; wall time is only a safety stop far beyond it.
 */
public record SolverOptions(SolverKind kind, double timeLimitS, long seed) {
  public static final double DEFAULT_TIME_LIMIT_S = 5;
  public static final long DEFAULT_SEED = 42;

  public SolverOptions {
    if (kind == null) {
      throw new IllegalArgumentException("solver.kind: missing");
    }
    if (!(timeLimitS > 0) || Double.isInfinite(timeLimitS)) {
      throw new IllegalArgumentException("time_limit_s: expected a positive number of seconds, got " + timeLimitS);
    }
  }

  public static SolverOptions defaults() {
    return new SolverOptions(SolverKind.AUTO, DEFAULT_TIME_LIMIT_S, DEFAULT_SEED);
  }

  public SolverOptions withKind(SolverKind k) {
    return new SolverOptions(k, timeLimitS, seed);
  }
}
