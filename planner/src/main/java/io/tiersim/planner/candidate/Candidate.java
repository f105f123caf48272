package io.tiersim.planner.candidate;

import io.tiersim.model.strategy.LayerOverride;
import io.tiersim.model.strategy.LayerRange;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.TierFractions;
import java.util.List;

/**
 * A resolved per-layer option: its name, the knobs it sets on a layer (as a strategy config holding
 * only per-layer knobs, plus the KV placement), and its whole-model quality loss with the methods it
 * was composed from.
 */
public record Candidate(String name, StrategyConfig knobs, TierFractions kvCache, double qualityLossPct, List<String> methods) {
  public Candidate {
    methods = List.copyOf(methods);
  }

  /** This option as a layer override over {@code range}. */
  public LayerOverride over(LayerRange range) {
    return new LayerOverride(range, knobs.weights(), knobs.kv(), knobs.retention(), knobs.heads(), knobs.sparse(),
        knobs.attention(), kvCache);
  }
}
