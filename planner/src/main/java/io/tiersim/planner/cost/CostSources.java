package io.tiersim.planner.cost;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;

/**
 * The one place that picks the cost source for a model on a system: the simulator's analytic
 * engine ({@link AnalyticCostSource}), so plans are priced by the same cost model as {@code tiersim
 * simulate}. {@link StandInRooflineCostSource} remains for tests that need hand-checkable times.
 */
public final class CostSources {
  private CostSources() {}

  public static LayerCostSource forSystem(ModelArchitecture model, SystemProfile system) {
    return new AnalyticCostSource(model, system, io.tiersim.model.scenario.Runtime.EAGER);
  }
}
