package io.tiersim.simulator.event;

import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.SpeculativeConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.Simulator;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.result.ScenarioResult;
import io.tiersim.simulator.result.StrategyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a batch scenario on the event engine: the memory results of {@link Simulator}, with every
 * strategy timed by {@link BatchEventEngine} and compared with the analytic engine, and the
 * scenario's speculative pair, if any, timed as draft and verify.
 */
public final class EventSimulator {
  /** Relative difference under which the engines are said to agree. */
  static final double AGREES = 1e-6;

  private EventSimulator() {}

  public static EventReport simulate(Scenario scenario, ChromeTrace trace) {
    ScenarioResult base = Simulator.simulate(scenario);
    CostModel cost = new CostModel(scenario.system());
    AnalyticEngine analytic = new AnalyticEngine(scenario.model(), cost, scenario.runtime());
    BatchEventEngine engine = new BatchEventEngine(scenario.model(), cost, scenario.runtime(), scenario.event());
    List<StrategyResult> results = new ArrayList<>();
    List<EventComparison> comparisons = new ArrayList<>();
    for (int i = 0; i < scenario.strategies().size(); i++) {
      Strategy s = scenario.strategies().get(i);
      EventTiming e = engine.estimate(s, scenario.workload(), trace);
      Timing a = analytic.estimate(s, scenario.workload());
      results.add(withTiming(base.results().get(i), e.timing()));
      comparisons.add(compare(s.name(), e, a));
    }
    SpeculativeConfig sp = scenario.event().speculative();
    if (sp != null) {
      Strategy target = byName(scenario, sp.target());
      Strategy draft = byName(scenario, sp.draft());
      EventTiming e = engine.estimateSpeculative(target, draft, sp, scenario.workload(), trace);
      comparisons.add(new EventComparison(target.name() + " + draft " + draft.name(), e.schedule(), e.prefetchDepth(),
          e.extraBufferBytes(), e.tasks(), null, e.timing().totalS(), null, String.format(Locale.ROOT,
              "%d drafted tokens per round, %.2f accepted on average: TPOT %.4g s against the target's own %.4g s",
              sp.draftTokens(), sp.tokensPerRound(), nz(e.timing().tpotS()),
              nz(engine.estimate(target, scenario.workload(), null).timing().tpotS())),
          e.prefillServers(), e.decodeServers()));
    }
    return new EventReport(base.scenario(), "event", results, comparisons);
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static Strategy byName(Scenario scenario, String name) {
    return scenario.strategies().stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no strategy named " + name));
  }

  static EventComparison compare(String name, EventTiming e, Timing a) {
    double raw = e.timing().totalS() / a.totalS() - 1;
    double diff = Math.abs(raw) < AGREES ? 0 : raw;
    return new EventComparison(name, e.schedule(), e.prefetchDepth(), e.extraBufferBytes(), e.tasks(), a.totalS(),
        e.timing().totalS(), diff, explain(e, diff), e.prefillServers(), e.decodeServers());
  }

  /** Why the engines differ: the server whose queue held the critical path, or agreement. */
  static String explain(EventTiming e, double diff) {
    if (Math.abs(diff) < AGREES) {
      return e.prefetchDepth() == 1 ? "agrees: at prefetch depth 1 nothing contends, and the schedule is the analytic engine's"
          : "agrees: prefetching further ahead neither helped nor contended";
    }
    ServerUse worst = null;
    String phase = null;
    for (ServerUse u : e.prefillServers()) {
      if (u.contentionS() > 0 && (worst == null || u.contentionS() > worst.contentionS())) {
        worst = u;
        phase = "prefill";
      }
    }
    for (ServerUse u : e.decodeServers()) {
      if (u.contentionS() > 0 && (worst == null || u.contentionS() > worst.contentionS())) {
        worst = u;
        phase = "decode";
      }
    }
    String direction = diff > 0 ? "slower" : "faster";
    String why = diff < 0 ? String.format(Locale.ROOT, "loads issued %d stages ahead hide behind more than one GPU batch",
        e.prefetchDepth()) : "early loads queue behind the work of the batches they overlap";
    if (worst == null) {
      return String.format(Locale.ROOT, "%.2f%% %s: %s", 100 * Math.abs(diff), direction, why);
    }
    return String.format(Locale.ROOT, "%.2f%% %s: %s; in %s the critical path waited %.4g s for the %s, busy %.0f%% of"
        + " that phase", 100 * Math.abs(diff), direction, why, phase, worst.contentionS(), worst.server(),
        100 * worst.utilization());
  }

  /** The result with the event engine's timing; the analytic interval does not carry over, so it is dropped. */
  static StrategyResult withTiming(StrategyResult r, Timing t) {
    return new StrategyResult(r.strategy(), r.preset(), r.citation(), r.fits(), r.peakMemoryBytes(), r.kvCacheBytes(),
        r.weightsBytes(), r.gpuPeakPhase(), r.overflows(), r.maxBatchSize(), r.maxPromptTokens(), r.maxPromptLimitedBy(),
        t, null, r.memory());
  }
}
