/**
 * How the planner prices a layer: {@link io.tiersim.planner.cost.LayerCostSource} is the one seam to
 * the simulator's time cost model; {@link io.tiersim.planner.cost.AnalyticCostSource} (the
 * simulator's analytic engine) is the source, chosen in one place: {@link
 * io.tiersim.planner.cost.CostSources#forSystem}. {@link
 * io.tiersim.planner.cost.StandInRooflineCostSource} is a peak-rate roofline kept for tests that
 * check the solvers against hand-computable times.
 */
package io.tiersim.planner.cost;
