package io.tiersim.planner.solver;

import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.Budgets;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.OptionTable;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.BudgetDimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exact solver: for every batch size and every level of no-layer memory (the largest
 * activation and streaming buffer among the options allowed), a {@link GridDp} over layers. On a
 * separable space its plan is optimal up to the grid's resolution, and its relaxed pass bounds the
 * optimum from the other side; when the shared host link can bind, the primal prices each layer at
 * the slower of its GPU and link times (a feasible plan) and the bound takes the larger of the two
 * sums' minima.
 */
public final class ExactSolver implements PlanSolver {
  /** No-layer memory levels tried per batch size; more distinct values are merged upwards. */
  static final int MAX_LEVELS = 3;
  /** Constraints 0 .. this-1 of the knapsacks built here are memory (in {@link BudgetDimension} order). */
  static final int MEMORY_CONSTRAINTS = 6;

  @Override
  public SolveResult solve(PlanSpace space, SolverOptions options) {
    Assignment best = null;
    PlanMetrics bestMetrics = null;
    double bound = Double.NEGATIVE_INFINITY;
    for (Part part : parts(space)) {
      double incumbent = bestMetrics == null ? Double.NEGATIVE_INFINITY : bestMetrics.value(space.objective());
      if (part.cheapValue() <= incumbent) {
        break;
      }
      Level level = level(space, space.table(part.batchIndex()), part.batchIndex(), part.allowed(), part.keys(), part.lower());
      bound = Math.max(bound, level.optimisticValue());
      if (level.plan() != null && level.metrics().value(space.objective()) > incumbent) {
        best = level.plan();
        bestMetrics = level.metrics();
      }
    }
    if (best == null) {
      Diagnosis d = diagnose(space);
      return new SolveResult("exact", null, null, Double.NaN, d.shortfalls(), d.batchSize());
    }
    return new SolveResult("exact", best, bestMetrics, Math.max(bound, bestMetrics.value(space.objective())), List.of(), 0);
  }

  /**
   * The exact solver's bound alone: the best value any feasible plan of the space could reach, given
   * a feasible plan of value {@code incumbent} (parts that cannot beat it are skipped).
   */
  public static double bound(PlanSpace space, double incumbent) {
    double bound = incumbent;
    for (Part part : parts(space)) {
      if (part.cheapValue() <= bound) {
        break;
      }
      OptionTable t = space.table(part.batchIndex());
      bound = Math.max(bound, optimisticValue(space, t, part.allowed(), part.keys(), part.lower()));
    }
    return bound;
  }

  /**
   * One batch size and one level of no-layer memory, with a cheap bound on its value (every layer
   * at its fastest allowed option, budgets ignored) to order and prune the parts.
   */
  private record Part(int batchIndex, boolean[] allowed, double[] keys, double lower, double cheapValue) {}

  private static List<Part> parts(PlanSpace space) {
    List<Part> parts = new ArrayList<>();
    for (int b = 0; b < space.tables().size(); b++) {
      OptionTable t = space.table(b);
      double[] keys = levelKeys(t, space.budgets());
      double[] levels = levels(keys);
      double[][] obj = primalObjective(t, Objective.THROUGHPUT);
      for (int lv = 0; lv < levels.length; lv++) {
        boolean[] allowed = allowedUpTo(keys, levels[lv]);
        double time = fixedTime(space, t);
        for (int l = 0; l < t.layers(); l++) {
          double fastest = Double.POSITIVE_INFINITY;
          for (int o = 0; o < t.options(); o++) {
            if (allowed[o]) {
              double v = space.objective() == Objective.THROUGHPUT ? t.prefillS(l, o) + t.decodeS(l, o) : t.decodeS(l, o);
              fastest = Math.min(fastest, v);
            }
          }
          time += fastest;
        }
        parts.add(new Part(b, allowed, keys, lv == 0 ? Double.NEGATIVE_INFINITY : levels[lv - 1], valueOfTime(space, t, time)));
      }
    }
    parts.sort((x, y) -> Double.compare(y.cheapValue(), x.cheapValue()));
    return parts;
  }

  /** The plan of one level (null when none is feasible) and the best value any plan of the level could reach. */
  private record Level(Assignment plan, PlanMetrics metrics, double optimisticValue) {}

  /**
   * One level: the primal knapsack with the level's largest no-layer memory deducted; its bound
   * serves as the level's bound when that deduction is also the band's least and the link cannot
   * bind, else the relaxed passes run on their own.
   */
  private static Level level(PlanSpace space, OptionTable t, int batchIndex, boolean[] allowed, double[] keys, double lower) {
    double[] most = new double[BudgetDimension.values().length];
    double[] least = bandDeduction(t, allowed, keys, lower);
    for (BudgetDimension r : BudgetDimension.values()) {
      for (int o = 0; o < t.options(); o++) {
        if (allowed[o]) {
          most[r.ordinal()] = Math.max(most[r.ordinal()], t.overhead(r, o));
        }
      }
    }
    SeparableProblem p = problem(space, t, allowed, most, primalObjective(t, space.objective()));
    Knapsack.Result r = new Knapsack(p).solve(true);
    Assignment plan = r.feasible() ? new Assignment(batchIndex, r.choice()) : null;
    PlanMetrics metrics = plan == null ? null : PlanEvaluator.evaluate(space, plan);
    if (metrics != null && !metrics.feasible()) {
      plan = null;
      metrics = null;
    }
    double optimistic = least != null && Arrays.equals(least, most) && t.separable()
        ? valueOfTime(space, t, r.lowerBound() + fixedTime(space, t))
        : optimisticValue(space, t, allowed, keys, lower, r.multipliers());
    return new Level(plan, metrics, optimistic);
  }

  private static double fixedTime(PlanSpace space, OptionTable t) {
    double prefill = space.objective() == Objective.THROUGHPUT ? t.remainder().prefillS() : 0;
    return prefill + t.remainder().decodeS();
  }

  /** The objective's value of a run of {@code timeS} (prefill plus decode, or decode alone for TPOT). */
  private static double valueOfTime(PlanSpace space, OptionTable t, double timeS) {
    if (!Double.isFinite(timeS)) {
      return Double.NEGATIVE_INFINITY;
    }
    if (space.objective() == Objective.THROUGHPUT) {
      return (double) t.batchSize() * t.generateTokens() / timeS;
    }
    return t.generateTokens() == 0 ? 0 : -timeS / t.generateTokens();
  }

  /** The least no-layer memory among options whose level key lies in (lower, level]; null when the band is empty. */
  private static double[] bandDeduction(OptionTable t, boolean[] allowed, double[] keys, double lower) {
    double[] deduction = new double[BudgetDimension.values().length];
    Arrays.fill(deduction, Double.POSITIVE_INFINITY);
    boolean any = false;
    for (int o = 0; o < t.options(); o++) {
      if (allowed[o] && keys[o] > lower) {
        any = true;
        for (BudgetDimension r : BudgetDimension.values()) {
          deduction[r.ordinal()] = Math.min(deduction[r.ordinal()], t.overhead(r, o));
        }
      }
    }
    return any ? deduction : null;
  }

  /**
   * The best value a plan whose largest no-layer memory falls in ({@code lower}, its level] could
   * reach: memory is reduced by the least no-layer part of that band, and time by the relaxed
   * passes, so no such plan does better.
   */
  private static double optimisticValue(PlanSpace space, OptionTable t, boolean[] allowed, double[] keys, double lower) {
    return optimisticValue(space, t, allowed, keys, lower, null);
  }

  /** With {@code multipliers} from a neighbouring problem, the bound is evaluated there without a search. */
  private static double optimisticValue(PlanSpace space, OptionTable t, boolean[] allowed, double[] keys, double lower,
      double[] multipliers) {
    double[] deduction = bandDeduction(t, allowed, keys, lower);
    if (deduction == null) {
      return Double.NEGATIVE_INFINITY;
    }
    boolean throughput = space.objective() == Objective.THROUGHPUT;
    double[][] gpuSide = new double[t.layers()][t.options()];
    double[][] linkSide = new double[t.layers()][t.options()];
    for (int l = 0; l < t.layers(); l++) {
      for (int o = 0; o < t.options(); o++) {
        double prefill = throughput ? t.prefillS(l, o) : 0;
        gpuSide[l][o] = prefill + t.decodeS(l, o);
        linkSide[l][o] = prefill + t.hostLinkS(l, o);
      }
    }
    SeparableProblem p = problem(space, t, allowed, deduction, gpuSide);
    Knapsack gpu = new Knapsack(p);
    double time = (multipliers == null ? gpu.solve(false).lowerBound() : gpu.lowerBoundAt(multipliers)) + fixedTime(space, t);
    double fixedPrefill = throughput ? t.remainder().prefillS() : 0;
    if (!t.separable() && fixedPrefill + t.remainder().hostLinkS() + largestSum(linkSide, allowed) > time) {
      double k = new Knapsack(p.withObjective(linkSide)).solve(false).lowerBound();
      time = Math.max(time, fixedPrefill + t.remainder().hostLinkS() + k);
    }
    return valueOfTime(space, t, time);
  }

  /** The largest sum a plan could reach: each layer's largest allowed value. */
  private static double largestSum(double[][] v, boolean[] allowed) {
    double sum = 0;
    for (double[] row : v) {
      double m = 0;
      for (int o = 0; o < row.length; o++) {
        if (allowed[o]) {
          m = Math.max(m, row[o]);
        }
      }
      sum += m;
    }
    return sum;
  }

  /** Per layer and option: prefill (for throughput) plus the slower of GPU-side and link decode. */
  private static double[][] primalObjective(OptionTable t, Objective objective) {
    double[][] obj = new double[t.layers()][t.options()];
    for (int l = 0; l < t.layers(); l++) {
      for (int o = 0; o < t.options(); o++) {
        double prefill = objective == Objective.THROUGHPUT ? t.prefillS(l, o) : 0;
        obj[l][o] = prefill + Math.max(t.decodeS(l, o), t.hostLinkS(l, o));
      }
    }
    return obj;
  }

  /**
   * The knapsack of one table: every resource less its no-layer deduction, the TTFT limit less the
   * remainder's prefill, and the TPOT limit as two sums (GPU side and host link), each within the
   * limit times the generated tokens.
   */
  static SeparableProblem problem(PlanSpace space, OptionTable t, boolean[] allowed, double[] deduction, double[][] objective) {
    Budgets b = space.budgets();
    BudgetDimension[] rs = BudgetDimension.values();
    double[][][] use = new double[rs.length + 3][][];
    double[] cap = new double[rs.length + 3];
    for (BudgetDimension r : rs) {
      use[r.ordinal()] = column(t, (l, o) -> t.use(r, l, o));
      cap[r.ordinal()] = b.of(r) - deduction[r.ordinal()];
    }
    int k = rs.length;
    use[k] = column(t, t::prefillS);
    cap[k] = b.ttftLimitS() - t.remainder().prefillS();
    double tpotTotal = b.tpotLimitS() * t.generateTokens();
    use[k + 1] = column(t, t::decodeS);
    cap[k + 1] = tpotTotal - t.remainder().decodeS();
    use[k + 2] = column(t, t::hostLinkS);
    cap[k + 2] = tpotTotal - t.remainder().hostLinkS();
    return new SeparableProblem(objective, use, cap, allowed);
  }

  private interface Cell {
    double at(int layer, int option);
  }

  private static double[][] column(OptionTable t, Cell cell) {
    double[][] c = new double[t.layers()][t.options()];
    for (int l = 0; l < t.layers(); l++) {
      for (int o = 0; o < t.options(); o++) {
        c[l][o] = cell.at(l, o);
      }
    }
    return c;
  }

  /** An option's no-layer memory as the largest share of any memory budget it takes. */
  static double[] levelKeys(OptionTable t, Budgets b) {
    double[] keys = new double[t.options()];
    for (int o = 0; o < t.options(); o++) {
      for (BudgetDimension r : BudgetDimension.values()) {
        double cap = b.of(r);
        if (r.isMemory() && Double.isFinite(cap) && cap > 0) {
          keys[o] = Math.max(keys[o], t.overhead(r, o) / cap);
        }
      }
    }
    return keys;
  }

  /** At most {@link #MAX_LEVELS} thresholds, always including the largest key. */
  static double[] levels(double[] keys) {
    double[] distinct = Arrays.stream(keys).distinct().sorted().toArray();
    if (distinct.length <= MAX_LEVELS) {
      return distinct;
    }
    double[] picked = new double[MAX_LEVELS];
    for (int i = 0; i < MAX_LEVELS; i++) {
      picked[i] = distinct[(int) Math.round((double) i * (distinct.length - 1) / (MAX_LEVELS - 1))];
    }
    return Arrays.stream(picked).distinct().toArray();
  }

  private static boolean[] allowedUpTo(double[] keys, double level) {
    boolean[] allowed = new boolean[keys.length];
    for (int o = 0; o < keys.length; o++) {
      allowed[o] = keys[o] <= level;
    }
    return allowed;
  }

  /** Which budgets no plan can meet, with the smallest values that could, at the batch size diagnosed. */
  public record Diagnosis(List<Shortfall> shortfalls, int batchSize) {}

  /**
   * Why no plan exists, at the smallest batch size offered and with the least no-layer memory: each
   * budget that even the lightest option everywhere breaks, or else the smallest value of each
   * budget given the others.
   */
  public static Diagnosis diagnose(PlanSpace space) {
    int first = 0;
    for (int b = 1; b < space.tables().size(); b++) {
      if (space.table(b).batchSize() < space.table(first).batchSize()) {
        first = b;
      }
    }
    OptionTable t = space.table(first);
    boolean[] all = new boolean[t.options()];
    Arrays.fill(all, true);
    double[] deduction = new double[BudgetDimension.values().length];
    Arrays.fill(deduction, Double.POSITIVE_INFINITY);
    for (BudgetDimension r : BudgetDimension.values()) {
      for (int o = 0; o < t.options(); o++) {
        deduction[r.ordinal()] = Math.min(deduction[r.ordinal()], t.overhead(r, o));
      }
    }
    SeparableProblem p = problem(space, t, all, deduction, primalObjective(t, space.objective()));
    List<Shortfall> shortfalls = new ArrayList<>();
    for (int k = 0; k < p.constraints(); k++) {
      if (!Double.isFinite(p.capacity()[k])) {
        continue;
      }
      double least = 0;
      for (int l = 0; l < t.layers(); l++) {
        least += Arrays.stream(p.use()[k][l]).min().orElse(0);
      }
      Knapsack.Result r = new Knapsack(p.without(k).withObjective(p.use()[k])).solve(true);
      double smallest = r.feasible() ? Math.max(least, r.cost()) : least;
      if (PlanEvaluator.exceeds(smallest, p.capacity()[k])) {
        shortfalls.add(shortfall(space, t, k, least, smallest, deduction, PlanEvaluator.exceeds(least, p.capacity()[k])));
      }
    }
    return new Diagnosis(merged(shortfalls), t.batchSize());
  }

  /** One shortfall per budget: memory at prefill and at decode share a budget, so the larger values stand. */
  private static List<Shortfall> merged(List<Shortfall> all) {
    java.util.Map<String, Shortfall> byBudget = new java.util.LinkedHashMap<>();
    for (Shortfall s : all) {
      byBudget.merge(s.budget(), s, (a, b) -> new Shortfall(a.budget(), a.limit(), Math.max(a.least(), b.least()),
          Math.max(a.smallest(), b.smallest()), a.alone() || b.alone()));
    }
    List<Shortfall> out = new ArrayList<>(byBudget.values());
    out.sort((a, b) -> Boolean.compare(b.alone(), a.alone()));
    return out;
  }

  /** A shortfall in the budget's own terms: the constraint's values plus what was deducted from them. */
  private static Shortfall shortfall(PlanSpace space, OptionTable t, int k, double least, double smallest, double[] deduction,
      boolean alone) {
    BudgetDimension[] rs = BudgetDimension.values();
    Budgets b = space.budgets();
    if (k < rs.length) {
      return new Shortfall(rs[k].budgetField(), b.of(rs[k]), least + deduction[k], smallest + deduction[k], alone);
    }
    if (k == rs.length) {
      double fixed = t.remainder().prefillS();
      return new Shortfall("budgets.ttft_ms", b.ttftLimitS(), least + fixed, smallest + fixed, alone);
    }
    double fixed = k == rs.length + 1 ? t.remainder().decodeS() : t.remainder().hostLinkS();
    double g = Math.max(1, t.generateTokens());
    return new Shortfall("budgets.tpot_ms", b.tpotLimitS(), (least + fixed) / g, (smallest + fixed) / g, alone);
  }
}
