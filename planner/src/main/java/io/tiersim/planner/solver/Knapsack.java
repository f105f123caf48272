package io.tiersim.planner.solver;

import java.util.Arrays;

/**
 * Solves a {@link SeparableProblem} exactly up to a grid's resolution and bounds it: a {@link
 * GridDp} over one constraint (the first memory constraint that can bind), the other binding
 * constraints priced into the objective by Lagrange multipliers. The multipliers maximise the
 * relaxed pass's Lagrangian bound (a concave function, searched by golden section, coordinate by
 * coordinate); the primal pass at the best multipliers, which checks every constraint on exact sums,
 * gives the plan, and single-layer improvements on exact sums take back the grid's rounding.
 */
final class Knapsack {
  static final int GOLDEN_STEPS = 12;
  static final int ROUNDS = 2;
  /** Grid cells while searching multipliers; the bound and plan at the best ones use the full grid. */
  static final int SEARCH_CELLS = 2048;
  /** Multiples of the best multipliers at which the primal is built; the cheapest feasible plan wins. */
  static final double[] PRIMAL_SCALES = {1, 0.5, 0};
  private static final double PHI = (Math.sqrt(5) - 1) / 2;

  /**
   * The plan (null when none was found), its cost, a lower bound on any feasible plan's cost, and
   * the multipliers that gave the bound (one per constraint, 0 for those not priced).
   */
  record Result(int[] choice, double cost, double lowerBound, double[] multipliers) {
    boolean feasible() {
      return choice != null;
    }
  }

  private final SeparableProblem problem;
  private final int grid;
  private final int[] priced;

  Knapsack(SeparableProblem problem) {
    this.problem = problem;
    int[] active = new GridDp(problem, -1, 1).activeConstraints();
    int g = -1;
    for (int c : active) {
      if (g < 0 || (c < ExactSolver.MEMORY_CONSTRAINTS && g >= ExactSolver.MEMORY_CONSTRAINTS)) {
        g = c;
      }
    }
    this.grid = g;
    this.priced = Arrays.stream(active).filter(c -> c != grid).toArray();
  }

  /** Searches the multipliers, then (with {@code withPrimal}) builds the plan at the best ones. */
  Result solve(boolean withPrimal) {
    double[] mu = new double[priced.length];
    double best = lagrangian(mu, SEARCH_CELLS);
    int rounds = priced.length > 1 ? ROUNDS : 1;
    for (int round = 0; round < rounds && priced.length > 0 && Double.isFinite(best); round++) {
      for (int j = 0; j < priced.length; j++) {
        best = Math.max(best, searchMultiplier(mu, j));
      }
    }
    if (Double.isFinite(best) && priced.length > 0) {
      best = Math.max(best, lagrangian(mu, GridDp.CELLS));
    }
    double[] full = full(mu);
    if (!withPrimal) {
      return new Result(null, Double.NaN, best, full);
    }
    int[] choice = null;
    double cost = Double.POSITIVE_INFINITY;
    // The primal at the best multipliers and around them (the duality gap can hide the optimum from one).
    for (double f : PRIMAL_SCALES) {
      double[] m = mu.clone();
      for (int j = 0; j < m.length; j++) {
        m[j] *= f;
      }
      GridDp.Result r = new GridDp(priced(m), grid, GridDp.CELLS).primal(false);
      if (r.feasible()) {
        int[] c = improve(r.choice());
        if (cost(c) < cost) {
          choice = c;
          cost = cost(c);
        }
      }
    }
    if (choice == null) {
      choice = lightest();
    }
    if (choice == null) {
      return new Result(null, Double.POSITIVE_INFINITY, best, full);
    }
    choice = improve(choice);
    return new Result(choice, cost(choice), Math.min(best, cost(choice)), full);
  }

  /**
   * A feasible plan when the priced primals found none: the plan that uses least of each binding
   * constraint in turn, so budgets set at their smallest feasible value still find their one plan.
   */
  private int[] lightest() {
    int[] active = new GridDp(problem, -1, 1).activeConstraints();
    for (int c : active) {
      GridDp.Result r = new GridDp(problem.withObjective(problem.use()[c]), grid, GridDp.CELLS).primal(false);
      if (!r.feasible()) {
        r = new GridDp(problem.withObjective(problem.use()[c]), grid, GridDp.CELLS).primal(true);
      }
      if (r.feasible()) {
        return r.choice();
      }
    }
    return null;
  }

  /** The Lagrangian bound at given multipliers (one per constraint), without a search: valid for any. */
  double lowerBoundAt(double[] multipliers) {
    double[] mu = new double[priced.length];
    for (int j = 0; j < priced.length; j++) {
      mu[j] = multipliers[priced[j]];
    }
    return lagrangian(mu, GridDp.CELLS);
  }

  private double[] full(double[] mu) {
    double[] full = new double[problem.constraints()];
    for (int j = 0; j < priced.length; j++) {
      full[priced[j]] = mu[j];
    }
    return full;
  }

  /** Golden-section search of multiplier {@code j} (others fixed); leaves the best in {@code mu}. */
  private double searchMultiplier(double[] mu, int j) {
    double hi = scale(priced[j]);
    double[] probe = mu.clone();
    // Widen until the bound stops rising: the maximum then lies below twice hi.
    probe[j] = hi;
    double atHi = lagrangian(probe);
    for (int i = 0; i < 30; i++) {
      probe[j] = hi * 2;
      double atTwice = lagrangian(probe);
      if (atTwice <= atHi) {
        break;
      }
      hi *= 2;
      atHi = atTwice;
    }
    double lo = 0;
    double top = hi * 2;
    double a = top - PHI * (top - lo);
    double b = lo + PHI * (top - lo);
    probe[j] = a;
    double fa = lagrangian(probe);
    probe[j] = b;
    double fb = lagrangian(probe);
    for (int i = 0; i < GOLDEN_STEPS; i++) {
      if (fa < fb) {
        lo = a;
        a = b;
        fa = fb;
        b = lo + PHI * (top - lo);
        probe[j] = b;
        fb = lagrangian(probe);
      } else {
        top = b;
        b = a;
        fb = fa;
        a = top - PHI * (top - lo);
        probe[j] = a;
        fa = lagrangian(probe);
      }
    }
    probe[j] = 0;
    double f0 = lagrangian(probe);
    double bestF = Math.max(f0, Math.max(fa, fb));
    mu[j] = bestF == f0 ? 0 : fa >= fb ? a : b;
    return bestF;
  }

  /** A multiplier scale: the objective's range over a constraint's slack. */
  private double scale(int c) {
    double range = 0;
    double slack = problem.capacity()[c];
    for (int l = 0; l < problem.layers(); l++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      double minUse = Double.POSITIVE_INFINITY;
      for (int o = 0; o < problem.options(); o++) {
        if (problem.allowed()[o]) {
          min = Math.min(min, problem.objective()[l][o]);
          max = Math.max(max, problem.objective()[l][o]);
          minUse = Math.min(minUse, problem.use()[c][l][o]);
        }
      }
      range += max - min;
      slack -= minUse;
    }
    return range / Math.max(Math.abs(slack), 1e-12 * Math.max(1, Math.abs(problem.capacity()[c])));
  }

  /** The Lagrangian bound at multipliers {@code mu}: the relaxed pass less the priced capacities. */
  private double lagrangian(double[] mu) {
    return lagrangian(mu, SEARCH_CELLS);
  }

  private double lagrangian(double[] mu, int cells) {
    double relaxed = new GridDp(priced(mu), grid, cells).lowerBound();
    if (relaxed == Double.POSITIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    double v = relaxed;
    for (int j = 0; j < priced.length; j++) {
      v -= mu[j] * problem.capacity()[priced[j]];
    }
    return v;
  }

  private SeparableProblem priced(double[] mu) {
    double[][] obj = new double[problem.layers()][problem.options()];
    for (int l = 0; l < problem.layers(); l++) {
      for (int o = 0; o < problem.options(); o++) {
        double v = problem.objective()[l][o];
        for (int j = 0; j < priced.length; j++) {
          v += mu[j] * problem.use()[priced[j]][l][o];
        }
        obj[l][o] = v;
      }
    }
    return problem.withObjective(obj);
  }

  /** Problems small enough for pair changes in the improvement step (layers x options). */
  static final int PAIR_LIMIT = 400;

  /** Best single-layer changes on exact sums until none lowers the cost; on small problems, pair changes too. */
  private int[] improve(int[] start) {
    int[] choice = improveSingles(start);
    if (problem.layers() * problem.options() > PAIR_LIMIT) {
      return choice;
    }
    for (boolean better = true; better; ) {
      better = false;
      double[] sums = sums(choice);
      double now = cost(choice);
      for (int i = 0; i < problem.layers() && !better; i++) {
        for (int j = i + 1; j < problem.layers() && !better; j++) {
          for (int a = 0; a < problem.options() && !better; a++) {
            for (int b = 0; b < problem.options() && !better; b++) {
              if (!problem.allowed()[a] || !problem.allowed()[b]) {
                continue;
              }
              double gain = problem.objective()[i][choice[i]] + problem.objective()[j][choice[j]]
                  - problem.objective()[i][a] - problem.objective()[j][b];
              if (gain > 1e-12 * Math.max(1, Math.abs(now)) && fitsPair(sums, i, choice[i], a, j, choice[j], b)) {
                choice[i] = a;
                choice[j] = b;
                choice = improveSingles(choice);
                better = true;
              }
            }
          }
        }
      }
    }
    return choice;
  }

  private boolean fitsPair(double[] sums, int i, int fromI, int toI, int j, int fromJ, int toJ) {
    for (int c = 0; c < problem.constraints(); c++) {
      double v = sums[c] + problem.use()[c][i][toI] - problem.use()[c][i][fromI] + problem.use()[c][j][toJ] - problem.use()[c][j][fromJ];
      double cap = problem.capacity()[c];
      if (v > cap + 1e-9 * Math.max(1, Math.abs(cap))) {
        return false;
      }
    }
    return true;
  }

  private int[] improveSingles(int[] start) {
    int[] choice = start.clone();
    double[] sums = sums(choice);
    for (int pass = 0; pass < 10 * problem.layers(); pass++) {
      double bestGain = 1e-15;
      int bestLayer = -1;
      int bestOption = -1;
      for (int l = 0; l < problem.layers(); l++) {
        for (int o = 0; o < problem.options(); o++) {
          double gain = problem.objective()[l][choice[l]] - problem.objective()[l][o];
          if (problem.allowed()[o] && gain > bestGain && fits(sums, l, choice[l], o)) {
            bestGain = gain;
            bestLayer = l;
            bestOption = o;
          }
        }
      }
      if (bestLayer < 0) {
        break;
      }
      for (int c = 0; c < problem.constraints(); c++) {
        sums[c] += problem.use()[c][bestLayer][bestOption] - problem.use()[c][bestLayer][choice[bestLayer]];
      }
      choice[bestLayer] = bestOption;
    }
    return choice;
  }

  private boolean fits(double[] sums, int l, int from, int to) {
    for (int c = 0; c < problem.constraints(); c++) {
      double v = sums[c] + problem.use()[c][l][to] - problem.use()[c][l][from];
      double cap = problem.capacity()[c];
      if (v > cap + 1e-9 * Math.max(1, Math.abs(cap))) {
        return false;
      }
    }
    return true;
  }

  private double[] sums(int[] choice) {
    double[] sums = new double[problem.constraints()];
    for (int c = 0; c < problem.constraints(); c++) {
      for (int l = 0; l < problem.layers(); l++) {
        sums[c] += problem.use()[c][l][choice[l]];
      }
    }
    return sums;
  }

  private double cost(int[] choice) {
    double v = 0;
    for (int l = 0; l < problem.layers(); l++) {
      v += problem.objective()[l][choice[l]];
    }
    return v;
  }
}
