/**
 * The planning problem as numbers, apart from how they were priced: per batch size, an {@link
 * io.tiersim.planner.space.OptionTable} of what each option costs in each layer (seconds, bytes per
 * tier and phase, quality loss), the {@link io.tiersim.planner.space.Budgets}, and one evaluator of a
 * whole assignment ({@link io.tiersim.planner.space.PlanEvaluator}) that every solver and report
 * shares.
 */
package io.tiersim.planner.space;
