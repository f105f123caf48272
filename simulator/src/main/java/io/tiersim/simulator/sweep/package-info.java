/**
 * Capacity-planning sweeps: a sweep file's axes (models, systems, strategies, KV budgets,
 * generated tokens, contexts, batch sizes, request rates) expand to a grid
 * ({@link io.tiersim.simulator.sweep.SweepPlan}); every point is evaluated with the memory
 * accountant and the analytic engine, in parallel ({@link io.tiersim.simulator.sweep.SweepRunner}),
 * given its strategy's quality loss from the cited per-method table ({@link
 * io.tiersim.model.quality.StrategyQuality}), and streamed to a journal that a rerun resumes from;
 * the finished grid is written as ordered CSV and JSON, and read once more to answer capacity
 * questions, among them the Pareto front of throughput, memory and quality loss
 * ({@link io.tiersim.simulator.sweep.SweepAnswers}). The experiment lives here, apart from the
 * model, hardware and strategies it varies.
 */
package io.tiersim.simulator.sweep;
