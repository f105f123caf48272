package io.tiersim.simulator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.EventConfig;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.Timing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With prefetch depth 1 nothing contends (each lane's operators run in sequence between the
 * same barriers the analytic engine assumes), so the two engines must agree: within 2 % is the
 * requirement, and in fact they agree to rounding.
 */
final class AnalyticAgreementTest {

  @ParameterizedTest
  @ValueSource(strings = {"quickstart.yaml", "published/flexgen-t4-opt-30b.yaml", "published/flexgen-t4-opt-175b.yaml",
      "published/h2o-a100-opt-6.7b-b24.yaml", "published/kivi-a100-llama-2-7b.yaml",
      "published/flexgen-t4-opt-30b-compressed.yaml"})
  void depthOne_agreesWithAnalytic_withinTwoPercent(String file) {
    Scenario sc = ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve(file));
    // At most 64 decode steps so that the analytic engine sums every step too (no sampling).
    Workload w = sc.workload();
    Workload short_ = new Workload(w.batchSize(), Math.min(w.promptTokens(), 8192), Math.min(w.generateTokens(), 33),
        w.prefillChunkTokens());
    CostModel cost = new CostModel(sc.system());
    AnalyticEngine analytic = new AnalyticEngine(sc.model(), cost, sc.runtime());
    BatchEventEngine event = new BatchEventEngine(sc.model(), cost, sc.runtime(), EventConfig.defaults());
    for (Strategy s : sc.strategies()) {
      Timing a = analytic.estimate(s, short_);
      Timing e = event.estimate(s, short_, null).timing();
      assertThat(e.prefillS()).as("%s %s prefill", file, s.name()).isCloseTo(a.prefillS(), org.assertj.core.data.Percentage.withPercentage(2));
      assertThat(e.decodeS()).as("%s %s decode", file, s.name()).isCloseTo(a.decodeS(), org.assertj.core.data.Percentage.withPercentage(2));
      assertThat(Math.abs(e.totalS() / a.totalS() - 1)).as("%s %s total", file, s.name()).isLessThan(1e-9);
      assertThat(e.bottleneck().decode().bound()).as("%s %s bound", file, s.name()).isEqualTo(a.bottleneck().decode().bound());
    }
  }
}
