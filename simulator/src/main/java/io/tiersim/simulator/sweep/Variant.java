package io.tiersim.simulator.sweep;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.quality.StrategyQuality;
import io.tiersim.model.strategy.Strategy;

/**
 * One strategy of a sweep as run on one model: resolved over its preset, with one value of the
 * KV-budget axis applied when the strategy has a budget ({@code budgetTokens} null otherwise), and
 * its whole-model quality loss from the cited table ({@link StrategyQuality}; unknown where the
 * table does not cover it). The quality is part of the sweep's fingerprint, so a changed table
 * does not mix with rows written from the old one.
 */
public record Variant(Strategy strategy, Integer budgetTokens, StrategyQuality quality) {
  /** The variant of {@code strategy} as resolved on {@code model}, its quality read off the table. */
  public static Variant of(Strategy strategy, Integer budgetTokens, ModelArchitecture model) {
    return new Variant(strategy, budgetTokens, StrategyQuality.of(strategy, model));
  }

  public String name() {
    return strategy.name();
  }
}
