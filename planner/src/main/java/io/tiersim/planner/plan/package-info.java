/**
 * Plan files and the planner's front door: {@link io.tiersim.planner.plan.PlanLoader} reads a plan
 * file strictly (errors name file, line and field), {@link io.tiersim.planner.plan.Planner} prices,
 * solves, re-simulates and compares with the best uniform option, and {@link
 * io.tiersim.planner.plan.PlanWriter} writes the plan as a scenario that {@code tiersim simulate}
 * runs.
 */
package io.tiersim.planner.plan;
