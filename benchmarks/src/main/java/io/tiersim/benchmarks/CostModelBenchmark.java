package io.tiersim.benchmarks;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.Simulator;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.Pass;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.result.ScenarioResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the time model (issue 3's target: a scenario with ten strategies evaluates in under 50 ms
 * after warm-up): one per-layer step estimate, one strategy's full analytic estimate, ten
 * strategies' estimates, and the whole quickstart scenario through {@link Simulator} (15
 * strategies with memory, capacity searches and time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CostModelBenchmark {
  private Scenario scenario;
  private AnalyticEngine engine;
  private List<Strategy> ten;
  private Strategy kivi;
  private Pass decodeStep;

  @Setup
  public void load() {
    scenario = ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve("quickstart.yaml"));
    engine = new AnalyticEngine(scenario.model(), scenario.system(), scenario.runtime());
    ten = scenario.strategies().subList(0, 10);
    kivi = scenario.strategies().get(1);
    decodeStep = Pass.decode(8, 32000, 31744, 0);
  }

  @Benchmark
  public LayerStep oneLayerStep() {
    return engine.operators().layer(kivi, kivi.layer(7), decodeStep);
  }

  @Benchmark
  public Timing oneStrategyEstimate() {
    return engine.estimate(kivi, scenario.workload());
  }

  @Benchmark
  public double tenStrategyEstimates() {
    double total = 0;
    for (Strategy s : ten) {
      total += engine.estimate(s, scenario.workload()).totalS();
    }
    return total;
  }

  @Benchmark
  public ScenarioResult quickstartScenarioWithTime() {
    return Simulator.simulate(scenario);
  }
}
