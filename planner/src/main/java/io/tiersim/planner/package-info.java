/**
 * Per-layer planning: choose one policy per layer (and the batch size) that maximises generation
 * throughput, or minimises the time per output token, within budgets of memory per tier, quality
 * loss and latency. Candidates are priced by a {@link io.tiersim.planner.cost.LayerCostSource} and
 * the simulator's memory classes, solved exactly ({@link io.tiersim.planner.solver.ExactSolver}) or
 * by local search ({@link io.tiersim.planner.local.LocalSearchSolver}), and every plan is
 * re-simulated with the {@link io.tiersim.simulator.memory.MemoryAccountant} before it is returned.
 */
package io.tiersim.planner;
