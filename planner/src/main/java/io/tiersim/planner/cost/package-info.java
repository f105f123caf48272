/**
 * How the planner prices a layer: {@link io.tiersim.planner.cost.LayerCostSource} is the one seam to
 * the simulator's time cost model. Until that model lands, {@link
 * io.tiersim.planner.cost.StandInRooflineCostSource} is the temporary default, chosen in one place:
 * {@link io.tiersim.planner.cost.CostSources#forSystem}.
 */
package io.tiersim.planner.cost;
