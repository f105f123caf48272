package io.tiersim.simulator.sweep;

import io.tiersim.model.strategy.Strategy;

/**
 * One strategy of a sweep as run on one model: resolved over its preset, with one value of the
 * KV-budget axis applied when the strategy has a budget ({@code budgetTokens} null otherwise).
 */
public record Variant(Strategy strategy, Integer budgetTokens) {
  public String name() {
    return strategy.name();
  }
}
