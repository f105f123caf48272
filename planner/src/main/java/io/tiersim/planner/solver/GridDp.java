package io.tiersim.planner.solver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dynamic programming over layers for a {@link SeparableProblem}. States after each layer are
 * kept on a grid over the (at most two) tightest constraints; each cell keeps, with exact sums:
 * <ul>
 *   <li>in the primal pass, the cheapest partial plan that lands in it, so the result is a feasible
 *       plan (every constraint checked on exact sums) that is optimal up to the grid's resolution;
 *   <li>in the relaxed pass, the component-wise minimum of cost and every sum over the plans that
 *       land in it, a state that dominates each of them, so the result is a lower bound on the true
 *       optimum.
 * </ul>
 * Constraints that can never bind are dropped, dominated options removed per layer, and sums are
 * shifted by each layer's cheapest use so the grid spans only the slack.
 */
final class GridDp {
  static final int CELLS_1D = 16384;
  static final int CELLS_PER_DIM_2D = 192;

  private final SeparableProblem p;
  private final int layers;
  private final int[] active;
  private final int[] grid;
  private final double[] slack;
  private final double[][][] shifted;
  private final int[][] options;
  private final boolean feasibleAtAll;
  private final int cellsPerDim;
  private final int cells;

  /** The result: the options chosen (null in the relaxed pass or when none is feasible) and the objective. */
  record Result(int[] choice, double value) {
    boolean feasible() {
      return Double.isFinite(value);
    }
  }

  GridDp(SeparableProblem problem) {
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
    Integer[] order = act.stream().toArray(Integer[]::new);
    Integer[] idx = new Integer[active.length];
    for (int a = 0; a < idx.length; a++) {
      idx[a] = a;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(slack[x] / Math.max(1e-300, maxSum[order[x]]), slack[y] / Math.max(1e-300, maxSum[order[y]])));
    this.grid = Arrays.stream(idx).limit(2).mapToInt(Integer::intValue).toArray();
    this.cellsPerDim = grid.length == 2 ? CELLS_PER_DIM_2D : grid.length == 1 ? CELLS_1D : 1;
    this.cells = grid.length == 2 ? cellsPerDim * cellsPerDim : cellsPerDim;
    this.options = new int[layers][];
    for (int l = 0; l < layers; l++) {
      options[l] = undominated(l);
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

  /** Options of a layer that fit alone and that no other option beats on cost and every active use. */
  private int[] undominated(int l) {
    List<Integer> fit = new ArrayList<>();
    for (int o = 0; o < p.options(); o++) {
      if (p.allowed()[o] && fitsAlone(l, o)) {
        fit.add(o);
      }
    }
    List<Integer> keep = new ArrayList<>();
    for (int o : fit) {
      boolean dominated = false;
      for (int q : fit) {
        if (q != o && dominates(l, q, o)) {
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

  private boolean fitsAlone(int l, int o) {
    for (int a = 0; a < active.length; a++) {
      if (shifted[a][l][o] > slack[a]) {
        return false;
      }
    }
    return true;
  }

  /** q dominates o: no worse anywhere, and better somewhere or equal with a lower index (one of twins stays). */
  private boolean dominates(int l, int q, int o) {
    double[][] obj = p.objective();
    if (obj[l][q] > obj[l][o]) {
      return false;
    }
    boolean strict = obj[l][q] < obj[l][o];
    for (int a = 0; a < active.length; a++) {
      if (shifted[a][l][q] > shifted[a][l][o]) {
        return false;
      }
      strict |= shifted[a][l][q] < shifted[a][l][o];
    }
    return strict || q < o;
  }

  private int cellOf(double[] use) {
    if (grid.length == 0) {
      return 0;
    }
    int x = coordinate(use[grid[0]], slack[grid[0]]);
    return grid.length == 1 ? x : x * cellsPerDim + coordinate(use[grid[1]], slack[grid[1]]);
  }

  private int coordinate(double used, double cap) {
    int c = cap <= 0 ? 0 : (int) (used / cap * cellsPerDim);
    return Math.min(cellsPerDim - 1, Math.max(0, c));
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
    double[] nu = new double[n];
    for (int l = 0; l < layers; l++) {
      double[] nextCost = filled(cells, Double.POSITIVE_INFINITY);
      double[][] nextUse = new double[n][cells];
      int[] par = new int[cells];
      short[] ch = new short[cells];
      for (int s = 0; s < cells; s++) {
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

  /** A lower bound on the least cost of any feasible plan (infinite when none exists). */
  double lowerBound() {
    if (!feasibleAtAll) {
      return Double.POSITIVE_INFINITY;
    }
    int n = active.length;
    double[] cost = filled(cells, Double.POSITIVE_INFINITY);
    double[][] use = new double[n][cells];
    cost[cellOf(new double[n])] = 0;
    double[] nu = new double[n];
    for (int l = 0; l < layers; l++) {
      double[] nextCost = filled(cells, Double.POSITIVE_INFINITY);
      double[][] nextUse = new double[n][cells];
      for (double[] row : nextUse) {
        Arrays.fill(row, Double.POSITIVE_INFINITY);
      }
      for (int s = 0; s < cells; s++) {
        if (cost[s] == Double.POSITIVE_INFINITY) {
          continue;
        }
        for (int o : options[l]) {
          if (!step(use, s, l, o, nu)) {
            continue;
          }
          int cell = cellOf(nu);
          nextCost[cell] = Math.min(nextCost[cell], cost[s] + p.objective()[l][o]);
          for (int a = 0; a < n; a++) {
            nextUse[a][cell] = Math.min(nextUse[a][cell], nu[a]);
          }
        }
      }
      cost = nextCost;
      use = nextUse;
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
