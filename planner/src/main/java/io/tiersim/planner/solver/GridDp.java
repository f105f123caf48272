package io.tiersim.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dynamic programming over layers for a {@link SeparableProblem}, with its states on a fine grid
 * over one constraint (the caller's choice). Each grid cell keeps, with exact sums:
 * <ul>
 *   <li>in the primal pass, the cheapest partial plan that lands in it, every other constraint
 *       checked on exact sums, so the result is a feasible plan, optimal up to the grid's
 *       resolution (at most one cell of slack lost per layer);
 *   <li>in the relaxed pass, the least cost and the least use over the plans that land in it (a
 *       state that dominates each of them), with the other constraints left out, so the result is
 *       a lower bound on the least cost of any plan that meets the grid constraint.
 * </ul>
 * Constraints that can never bind are dropped, dominated options removed per layer, and sums are
 * shifted by each layer's cheapest use so the grid spans only the slack. The other constraints are
 * priced into the objective by the caller's Lagrange multipliers ({@link ExactSolver}).
 */
final class GridDp {
  static final int CELLS = 8192;

  private final SeparableProblem p;
  private final int layers;
  private final int[] active;
  private final int grid;
  private final double[] slack;
  private final double[][][] shifted;
  private final int[][] options;
  private final int[][] relaxedOptions;
  private final boolean feasibleAtAll;
  private final int cells;

  /** The result: the options chosen (null in the relaxed pass or when none is feasible) and the objective. */
  record Result(int[] choice, double value) {
    boolean feasible() {
      return Double.isFinite(value);
    }
  }

  /** @param gridConstraint the constraint whose sums index the grid (others are checked exactly, or relaxed) */
  GridDp(SeparableProblem problem, int gridConstraint, int gridCells) {
    this.p = problem;
    this.layers = problem.layers();
    int k = problem.constraints();
    double[] base = new double[k];
    double[][] minUse = new double[k][layers];
    boolean ok = true;
    for (int c = 0; c < k; c++) {
      for (int l = 0; l < layers; l++) {
        double m = Double.POSITIVE_INFINITY;
        for (int o = 0; o < problem.options(); o++) {
          if (problem.allowed()[o]) {
            m = Math.min(m, problem.use()[c][l][o]);
          }
        }
        minUse[c][l] = m;
        base[c] += m;
      }
      ok &= base[c] <= problem.capacity()[c] + tolerance(problem.capacity()[c]);
    }
    this.feasibleAtAll = ok;
    List<Integer> act = new ArrayList<>();
    double[] allSlack = new double[k];
    double[] maxSum = new double[k];
    for (int c = 0; c < k; c++) {
      allSlack[c] = problem.capacity()[c] - base[c];
      for (int l = 0; l < layers; l++) {
        double m = 0;
        for (int o = 0; o < problem.options(); o++) {
          if (problem.allowed()[o]) {
            m = Math.max(m, problem.use()[c][l][o] - minUse[c][l]);
          }
        }
        maxSum[c] += m;
      }
      if (maxSum[c] > allSlack[c] + tolerance(problem.capacity()[c])) {
        act.add(c);
      }
    }
    // Twin constraints (GPU memory at prefill and at decode often differ only in no-layer parts) keep the tighter one.
    for (int i = act.size() - 1; i >= 0; i--) {
      for (int j = 0; j < act.size(); j++) {
        int a = act.get(i);
        int b = act.get(j);
        if (a != b && sameShiftedUse(problem, minUse, a, b) && (allSlack[b] < allSlack[a] || (allSlack[b] == allSlack[a] && b < a))) {
          act.remove(i);
          break;
        }
      }
    }
    this.active = act.stream().mapToInt(Integer::intValue).toArray();
    this.slack = new double[active.length];
    this.shifted = new double[active.length][layers][problem.options()];
    for (int a = 0; a < active.length; a++) {
      int c = active[a];
      slack[a] = Math.max(0, allSlack[c]) + tolerance(problem.capacity()[c]);
      for (int l = 0; l < layers; l++) {
        for (int o = 0; o < problem.options(); o++) {
          shifted[a][l][o] = Math.max(0, problem.use()[c][l][o] - minUse[c][l]);
        }
      }
    }
    int g = -1;
    for (int a = 0; a < active.length; a++) {
      if (active[a] == gridConstraint) {
        g = a;
      }
    }
    this.grid = g;
    this.cells = g < 0 ? 1 : gridCells;
    this.options = new int[layers][];
    this.relaxedOptions = new int[layers][];
    for (int l = 0; l < layers; l++) {
      options[l] = undominated(l, false);
      relaxedOptions[l] = undominated(l, true);
    }
  }

  private static boolean sameShiftedUse(SeparableProblem p, double[][] minUse, int a, int b) {
    for (int l = 0; l < p.layers(); l++) {
      for (int o = 0; o < p.options(); o++) {
        if (p.use()[a][l][o] - minUse[a][l] != p.use()[b][l][o] - minUse[b][l]) {
          return false;
        }
      }
    }
    return true;
  }

  private static double tolerance(double capacity) {
    return 1e-9 * Math.max(1, Math.abs(capacity));
  }

  /**
   * Options of a layer that fit alone and that no other option beats on cost and on every
   * constraint considered (only the grid constraint when {@code gridOnly}).
   */
  private int[] undominated(int l, boolean gridOnly) {
    List<Integer> fit = new ArrayList<>();
    for (int o = 0; o < p.options(); o++) {
      if (p.allowed()[o] && fitsAlone(l, o, gridOnly)) {
        fit.add(o);
      }
    }
    List<Integer> keep = new ArrayList<>();
    for (int o : fit) {
      boolean dominated = false;
      for (int q : fit) {
        if (q != o && dominates(l, q, o, gridOnly)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        keep.add(o);
      }
    }
    return keep.stream().mapToInt(Integer::intValue).toArray();
  }

  private boolean fitsAlone(int l, int o, boolean gridOnly) {
    for (int a = 0; a < active.length; a++) {
      if ((!gridOnly || a == grid) && shifted[a][l][o] > slack[a]) {
        return false;
      }
    }
    return true;
  }

  /** q dominates o: no worse anywhere, and better somewhere or equal with a lower index (one of twins stays). */
  private boolean dominates(int l, int q, int o, boolean gridOnly) {
    double[][] obj = p.objective();
    if (obj[l][q] > obj[l][o]) {
      return false;
    }
    boolean strict = obj[l][q] < obj[l][o];
    for (int a = 0; a < active.length; a++) {
      if (gridOnly && a != grid) {
        continue;
      }
      if (shifted[a][l][q] > shifted[a][l][o]) {
        return false;
      }
      strict |= shifted[a][l][q] < shifted[a][l][o];
    }
    return strict || q < o;
  }

  private int cellOf(double[] use) {
    if (grid < 0) {
      return 0;
    }
    int c = slack[grid] <= 0 ? 0 : (int) (use[grid] / slack[grid] * cells);
    return Math.min(cells - 1, Math.max(0, c));
  }

  /** Whether a constraint is on the grid or, in the primal pass, checked exactly; else inactive. */
  int[] activeConstraints() {
    return active.clone();
  }

  int gridIndex() {
    return grid < 0 ? -1 : active[grid];
  }

  /**
   * The feasible plan of least cost, up to the grid's resolution. With {@code slackFirst}, a cell
   * keeps the plan that leaves the most slack instead: a fallback that finds a feasible plan when
   * the cheapest partial plans of every cell all run out of room later.
   */
  Result primal(boolean slackFirst) {
    if (!feasibleAtAll) {
      return new Result(null, Double.POSITIVE_INFINITY);
    }
    int n = active.length;
    double[] cost = filled(cells, Double.POSITIVE_INFINITY);
    double[][] use = new double[n][cells];
    int[][] parent = new int[layers][];
    short[][] chosen = new short[layers][];
    int startCell = cellOf(new double[n]);
    cost[startCell] = 0;
    int reach = startCell;
    double[] nu = new double[n];
    for (int l = 0; l < layers; l++) {
      double[] nextCost = filled(cells, Double.POSITIVE_INFINITY);
      double[][] nextUse = new double[n][cells];
      int[] par = new int[cells];
      short[] ch = new short[cells];
      int nextReach = 0;
      for (int s = 0; s <= reach; s++) {
        if (cost[s] == Double.POSITIVE_INFINITY) {
          continue;
        }
        for (int o : options[l]) {
          if (!step(use, s, l, o, nu)) {
            continue;
          }
          int cell = cellOf(nu);
          double c = cost[s] + p.objective()[l][o];
          boolean better = nextCost[cell] == Double.POSITIVE_INFINITY
              || (slackFirst ? lighter(nu, nextUse, cell) : c < nextCost[cell] || (c == nextCost[cell] && lighter(nu, nextUse, cell)));
          if (better) {
            nextReach = Math.max(nextReach, cell);
            nextCost[cell] = c;
            for (int a = 0; a < n; a++) {
              nextUse[a][cell] = nu[a];
            }
            par[cell] = s;
            ch[cell] = (short) o;
          }
        }
      }
      cost = nextCost;
      use = nextUse;
      reach = nextReach;
      parent[l] = par;
      chosen[l] = ch;
    }
    int best = argmin(cost);
    if (best < 0) {
      return new Result(null, Double.POSITIVE_INFINITY);
    }
    int[] choice = new int[layers];
    for (int l = layers - 1, cell = best; l >= 0; l--) {
      choice[l] = chosen[l][cell];
      cell = parent[l][cell];
    }
    return new Result(choice, cost[best]);
  }

  /**
   * A lower bound on the least cost of any plan that meets the grid constraint (the others left
   * out), infinite when none does.
   */
  double lowerBound() {
    if (!feasibleAtAll) {
      return Double.POSITIVE_INFINITY;
    }
    double[] cost = filled(cells, Double.POSITIVE_INFINITY);
    double[] use = new double[cells];
    cost[0] = 0;
    int reach = 0;
    for (int l = 0; l < layers; l++) {
      double[] nextCost = filled(cells, Double.POSITIVE_INFINITY);
      double[] nextUse = filled(cells, Double.POSITIVE_INFINITY);
      int nextReach = 0;
      for (int s = 0; s <= reach; s++) {
        if (cost[s] == Double.POSITIVE_INFINITY) {
          continue;
        }
        for (int o : relaxedOptions[l]) {
          double nu = grid < 0 ? 0 : use[s] + shifted[grid][l][o];
          if (grid >= 0 && nu > slack[grid]) {
            continue;
          }
          int cell = grid < 0 ? 0 : Math.min(cells - 1, (int) (nu / slack[grid] * cells));
          nextReach = Math.max(nextReach, cell);
          nextCost[cell] = Math.min(nextCost[cell], cost[s] + p.objective()[l][o]);
          nextUse[cell] = Math.min(nextUse[cell], nu);
        }
      }
      cost = nextCost;
      use = nextUse;
      reach = nextReach;
    }
    int best = argmin(cost);
    return best < 0 ? Double.POSITIVE_INFINITY : cost[best];
  }

  /** The sums after adding option {@code o} of layer {@code l} to state {@code s}; false when a constraint breaks. */
  private boolean step(double[][] use, int s, int l, int o, double[] nu) {
    for (int a = 0; a < nu.length; a++) {
      nu[a] = use[a][s] + shifted[a][l][o];
      if (nu[a] > slack[a]) {
        return false;
      }
    }
    return true;
  }

  /** Of two plans of equal cost in one cell, keep the one with more slack left. */
  private boolean lighter(double[] nu, double[][] use, int cell) {
    double mine = 0;
    double theirs = 0;
    for (int a = 0; a < nu.length; a++) {
      mine += nu[a] / slack[a];
      theirs += use[a][cell] / slack[a];
    }
    return mine < theirs;
  }

  private static double[] filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return a;
  }

  private static int argmin(double[] cost) {
    int best = -1;
    for (int i = 0; i < cost.length; i++) {
      if (cost[i] < Double.POSITIVE_INFINITY && (best < 0 || cost[i] < cost[best])) {
        best = i;
      }
    }
    return best;
  }
}
