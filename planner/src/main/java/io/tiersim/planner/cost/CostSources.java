package io.tiersim.planner.cost;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;

/**
 * The one place that picks the cost source for a model on a system. Today it returns the
 * temporary {@link StandInRooflineCostSource}; when the simulator's {@code AnalyticEngine} lands,
 * this method returns an adapter over {@code new AnalyticEngine(model, system)} whose {@code
 * layerTime(strategy, layer, workload)} gives {@code prefillS()} and {@code decodeS()}.
 */
public final class CostSources {
  private CostSources() {}

  public static LayerCostSource forSystem(ModelArchitecture model, SystemProfile system) {
    return new StandInRooflineCostSource(model, system);
  }
}
