package io.tiersim.simulator;

import io.tiersim.model.Tier;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.calibration.Bound;
import io.tiersim.simulator.calibration.CalibratedEfficiency;
import io.tiersim.simulator.calibration.ProfileCalibration;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.engine.TimingInterval;
import io.tiersim.simulator.memory.CapacitySearch;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import io.tiersim.simulator.memory.PhaseMemory;
import io.tiersim.simulator.result.OverflowResult;
import io.tiersim.simulator.result.PhaseBreakdown;
import io.tiersim.simulator.result.ScenarioResult;
import io.tiersim.simulator.result.ScenarioSummary;
import io.tiersim.simulator.result.StrategyResult;
import io.tiersim.simulator.result.TierBreakdown;
import io.tiersim.simulator.result.TierBytes;
import java.util.ArrayList;
import java.util.List;

/** Evaluates every strategy of a scenario: memory per tier, fit, capacity limits, and time (analytic engine). */
public final class Simulator {
  private Simulator() {}

  public static ScenarioResult simulate(Scenario scenario) {
    MemoryAccountant accountant = new MemoryAccountant(scenario.model(), scenario.system());
    CapacitySearch capacity = new CapacitySearch(accountant);
    CalibratedEfficiency efficiency = ProfileCalibration.fit(scenario.system());
    AnalyticEngine engine = engine(scenario, efficiency);
    // Bounds equal to the nominal curves (no fitted parameter has an interval) reuse the nominal timing.
    CalibratedEfficiency fast = efficiency.at(Bound.OPTIMISTIC);
    CalibratedEfficiency slow = efficiency.at(Bound.PESSIMISTIC);
    AnalyticEngine optimistic = fast.equals(efficiency) ? null : engine(scenario, fast);
    AnalyticEngine pessimistic = slow.equals(efficiency) ? null : engine(scenario, slow);
    List<StrategyResult> results = new ArrayList<>();
    for (Strategy s : scenario.strategies()) {
      MemoryReport m = accountant.account(s, scenario.workload());
      long maxPrompt = capacity.maxPromptTokens(s, scenario.workload());
      boolean byPositions = maxPrompt == capacity.promptCeiling(scenario.workload());
      Timing timing = engine.estimate(s, scenario.workload());
      results.add(new StrategyResult(
          s.name(), s.preset(), s.citation(), m.fits(),
          TierBytes.rounded(m.peakBytes()),
          Math.round(m.kvCacheBytes()), Math.round(m.weightsBytes()),
          m.gpuPeakPhase().toString(),
          m.overflows().stream().map(o -> new OverflowResult(o.tier().key(), o.phase().toString(),
              Math.round(o.neededBytes()), Math.round(o.capacityBytes()), Math.round(o.overflowBytes()))).toList(),
          capacity.maxBatch(s, scenario.workload()),
          maxPrompt,
          byPositions ? "model_positions" : "memory",
          timing,
          TimingInterval.of(optimistic == null ? timing : optimistic.estimate(s, scenario.workload()),
              pessimistic == null ? timing : pessimistic.estimate(s, scenario.workload())),
          new PhaseBreakdown(breakdown(m.prefill()), breakdown(m.decode()))));
    }
    var w = scenario.workload();
    ScenarioSummary summary = new ScenarioSummary(scenario.name(), scenario.model().id(), scenario.system().id(),
        scenario.system().gpuCount(), w.batchSize(), w.promptTokens(), w.generateTokens(), scenario.runtime().key());
    return new ScenarioResult(summary, results);
  }

  private static AnalyticEngine engine(Scenario scenario, CalibratedEfficiency efficiency) {
    return new AnalyticEngine(scenario.model(), new CostModel(scenario.system(), efficiency), scenario.runtime());
  }

  private static TierBytes<TierBreakdown> breakdown(PhaseMemory phase) {
    return TierBytes.of((Tier t) -> TierBreakdown.of(phase.tier(t)));
  }
}
