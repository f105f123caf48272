package io.tiersim.benchmarks;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.Simulator;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import io.tiersim.simulator.result.ScenarioResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of memory accounting: one strategy at one workload, and the whole quickstart scenario
 * (15 strategies, each with its largest-batch and longest-prompt searches).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryAccountingBenchmark {
  private Scenario scenario;
  private MemoryAccountant accountant;

  @Setup
  public void load() {
    scenario = ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve("quickstart.yaml"));
    accountant = new MemoryAccountant(scenario.model(), scenario.system());
  }

  @Benchmark
  public MemoryReport oneStrategy() {
    return accountant.account(scenario.strategies().get(1), scenario.workload());
  }

  @Benchmark
  public ScenarioResult quickstartScenario() {
    return Simulator.simulate(scenario);
  }
}
