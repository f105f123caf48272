package io.tiersim.benchmarks;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.serving.Requests;
import io.tiersim.simulator.serving.ServingMetrics;
import io.tiersim.simulator.serving.ServingResult;
import io.tiersim.simulator.serving.ServingSimulator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole serving run of the bundled chat scenario (Llama-3.1-8B on an H100, lognormal lengths)
 * with one million requests at 25 requests/s, cold (single shot, new simulator each time) on two
 * processors, as {@code tiersim serve --requests 1000000} would run it. The target is under 60 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:ActiveProcessorCount=2")
public class ServingBenchmark {
  @Param("1000000")
  public int requests;

  private Scenario scenario;
  private Requests base;

  @Setup
  public void load() {
    scenario = ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve("serving/chat-llama-3.1-8b-h100.yaml"));
    base = Requests.of(scenario.serving().arrival().withRequests(requests)).atRate(25);
  }

  @Benchmark
  public ServingResult millionRequests() {
    ServingSimulator sim = new ServingSimulator(scenario.model(), new CostModel(scenario.system()), scenario.runtime(),
        scenario.strategies().get(0), scenario.serving());
    return ServingMetrics.summarize(sim.run(base, null, null), scenario.serving().slo(),
        scenario.serving().scheduler().maxSequences());
  }
}
