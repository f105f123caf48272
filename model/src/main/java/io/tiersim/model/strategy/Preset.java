package io.tiersim.model.strategy;

/** A named strategy from the literature, with the paper it follows. */
public record Preset(String name, String citation, String description, StrategyConfig config) {}
