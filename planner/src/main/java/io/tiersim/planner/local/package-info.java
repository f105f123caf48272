/**
 * The general problem on OptaPlanner's local search, Bavet constraint streams: a planning entity per
 * layer (its option) at a batch size fixed per search (a problem fact); hard constraints are the
 * budgets (memory per tier and phase with the largest no-layer buffer among the options used,
 * quality, latency), the soft one the objective with the shared host link. One search per batch
 * size, the work shared by successive halving ({@link io.tiersim.planner.local.LocalSearchSolver});
 * each starts from {@link io.tiersim.planner.local.GreedyConstruction}, then late acceptance with
 * single changes, swaps, {@link io.tiersim.planner.local.TradeMove}s that upgrade one layer while
 * another gives the room back, and {@link io.tiersim.planner.local.RefitMove}s that re-fit up to sixteen
 * layers around one change.
 */
package io.tiersim.planner.local;
