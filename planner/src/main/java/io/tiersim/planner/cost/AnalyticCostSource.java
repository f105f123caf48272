package io.tiersim.planner.cost;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.LayerTime;

/**
 * Prices layers with the simulator's analytic engine, the cost model every engine uses: a layer's
 * seconds are its {@link AnalyticEngine#layerTime} (every prefill pass and decode step, transfers
 * and host dispatch included), so the host link is already folded into {@code decodeS}.
 */
public final class AnalyticCostSource implements LayerCostSource {
  private final AnalyticEngine engine;

  public AnalyticCostSource(ModelArchitecture model, SystemProfile system, Runtime runtime) {
    this.engine = new AnalyticEngine(model, system, runtime);
  }

  @Override
  public LayerCost price(Strategy strategy, int layer, Workload workload) {
    LayerTime t = engine.layerTime(strategy, layer, workload);
    return LayerCost.of(t.prefillS(), t.decodeS());
  }

  @Override
  public RunCost remainder(Strategy strategy, Workload workload) {
    LayerTime t = engine.headTime(strategy, workload);
    return new RunCost(t.prefillS(), t.decodeS(), 0);
  }

  @Override
  public String name() {
    return "tiersim analytic engine (simulator cost model)";
  }
}
