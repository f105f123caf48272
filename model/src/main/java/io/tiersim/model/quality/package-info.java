/**
 * Quality vocabulary: the bundled table of whole-model losses per method as the papers report them
 * ({@link io.tiersim.model.quality.MethodLosses}, {@code method-losses.yaml}, each row cited and
 * marked {@code quoted} or {@code recalled}), and the rule that gives a resolved strategy a
 * whole-model loss from it ({@link io.tiersim.model.quality.StrategyQuality}), unknown wherever
 * the table does not cover the strategy. The planner spreads the same losses over layers.
 */
package io.tiersim.model.quality;
