package io.tiersim.planner.plan;

import io.tiersim.model.Tier;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.planner.cost.LayerCostSource;
import io.tiersim.planner.pricing.OptionPricer;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.Solvers;
import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.Budgets;
import io.tiersim.planner.space.OptionTable;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.BudgetDimension;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import io.tiersim.simulator.memory.PhaseMemory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's front door: prices the candidates at every batch size, solves, re-simulates the
 * plan with the {@link MemoryAccountant} (tightening a budget and solving again in the rare case the
 * accountant finds more no-layer memory than the per-option model), and finds the best uniform
 * option under the same budgets.
 */
public final class Planner {
  static final double GIB = 1L << 30;
  /** Re-solves allowed after a re-simulation finds a budget broken. */
  static final int REPAIRS = 3;

  private final LayerCostSource costs;

  public Planner(LayerCostSource costs) {
    this.costs = costs;
  }

  public PlanResult plan(PlanRequest request) {
    PlanSpace space = space(request);
    List<String> tightened = new ArrayList<>();
    MemoryAccountant accountant = new MemoryAccountant(request.context().model(), request.context().system());
    PlanSpace current = space;
    for (int attempt = 0; ; attempt++) {
      SolveResult r = Solvers.solve(current, request.solver());
      if (!r.feasible()) {
        return new PlanResult(request, current, r, null, null, null, baseline(space), tightened, costs.name());
      }
      r = tidy(current, r);
      StrategyConfig config = request.context().strategyConfig(request.name(), r.assignment().options());
      Strategy plan = request.context().strategy(request.name(), r.assignment().options());
      Workload w = request.context().workload().withBatchSize(r.metrics().batchSize());
      MemoryReport memory = accountant.account(plan, w);
      Map<BudgetDimension, Double> over = overflow(memory, space.budgets());
      if (over.isEmpty() || attempt == REPAIRS) {
        if (!over.isEmpty()) {
          throw new IllegalStateException("plan breaks " + over.keySet() + " after " + REPAIRS + " re-solves; please report");
        }
        r = r.withBound(Math.max(r.boundValue(), r.metrics().value(request.objective())));
        return new PlanResult(request, current, r, config, plan, memory, baseline(space), tightened, costs.name());
      }
      Budgets b = current.budgets();
      for (Map.Entry<BudgetDimension, Double> e : over.entrySet()) {
        b = b.with(e.getKey(), b.of(e.getKey()) - e.getValue());
        tightened.add(e.getKey() + " by " + String.format(java.util.Locale.ROOT, "%.3f GiB", e.getValue() / GIB));
      }
      current = new PlanSpace(current.tables(), current.optionNames(), b, current.objective());
    }
  }

  /** The same plan with interchangeable layers' options sorted into ranges; its metrics are re-evaluated. */
  private static SolveResult tidy(PlanSpace space, SolveResult r) {
    Assignment a = io.tiersim.planner.space.RangeTidy.tidy(space, r.assignment());
    PlanMetrics m = PlanEvaluator.evaluate(space, a);
    return new SolveResult(r.solver(), a, m, r.boundValue(), r.shortfalls(), r.shortfallBatchSize());
  }

  /** The plan space: one priced table per batch size, with the budgets resolved against the system. */
  public PlanSpace space(PlanRequest request) {
    OptionPricer pricer = new OptionPricer(request.context(), costs, request.quality());
    List<OptionTable> tables = new ArrayList<>();
    for (int b : request.batchSizes()) {
      tables.add(pricer.table(b));
    }
    List<String> names = request.context().candidates().stream().map(c -> c.name()).toList();
    return new PlanSpace(tables, names, budgets(request, pricer), request.objective());
  }

  static Budgets budgets(PlanRequest request, OptionPricer pricer) {
    PlanFile.BudgetsConfig c = request.budgets();
    Map<BudgetDimension, Double> cap = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension r : BudgetDimension.values()) {
      if (r.isMemory()) {
        Double gib = r.tier() == Tier.GPU ? c.gpuGib() : r.tier() == Tier.CPU ? c.cpuGib() : c.diskGib();
        double usable = pricer.usableBytes(r.tier());
        cap.put(r, gib == null ? usable : Math.min(usable, gib * GIB));
      }
    }
    cap.put(BudgetDimension.QUALITY, c.qualityLossPct());
    return new Budgets(cap, c.ttftMs() == null ? Double.POSITIVE_INFINITY : c.ttftMs() / 1e3,
        c.tpotMs() == null ? Double.POSITIVE_INFINITY : c.tpotMs() / 1e3);
  }

  /** Bytes by which the accountant's peaks exceed each memory budget. */
  static Map<BudgetDimension, Double> overflow(MemoryReport memory, Budgets budgets) {
    Map<BudgetDimension, Double> over = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension r : BudgetDimension.values()) {
      if (!r.isMemory()) {
        continue;
      }
      PhaseMemory phase = r.atPrefill() ? memory.prefill() : memory.decode();
      double used = phase.tier(r.tier()).totalBytes();
      if (PlanEvaluator.exceeds(used, budgets.of(r))) {
        over.put(r, used - budgets.of(r));
      }
    }
    return over;
  }

  /** The best assignment that gives every layer the same option, at any batch size. */
  static PlanResult.Baseline baseline(PlanSpace space) {
    PlanResult.Baseline best = null;
    for (int b = 0; b < space.tables().size(); b++) {
      for (int o = 0; o < space.options(); o++) {
        PlanMetrics m = PlanEvaluator.evaluate(space, Assignment.uniform(b, space.layers(), o));
        if (m.feasible() && (best == null || m.value(space.objective()) > best.metrics().value(space.objective()))) {
          best = new PlanResult.Baseline(space.optionNames().get(o), m);
        }
      }
    }
    return best;
  }
}
