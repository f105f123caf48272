package io.tiersim.planner.cost;

import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;

/**
 * Prices one layer of a resolved strategy on a workload: the seam between the planner and the
 * simulator's time cost model, so every candidate is priced by one formula. An implementation must
 * be deterministic and must not depend on the policies of other layers than {@code layer} (the
 * planner prices each layer once per candidate, inside a strategy where every layer has that
 * candidate).
 */
public interface LayerCostSource {

  /** Seconds layer {@code layer} of {@code strategy} contributes over the whole run. */
  LayerCost price(Strategy strategy, int layer, Workload workload);

  /** Seconds of the run outside the layers (embeddings, LM head). */
  RunCost remainder(Strategy strategy, Workload workload);

  /** A short name for reports, saying which model priced the plan. */
  String name();
}
