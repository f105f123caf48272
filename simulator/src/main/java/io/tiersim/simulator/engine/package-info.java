/**
 * Engines that turn a strategy and a workload into time: the analytic engine sums the cost
 * model's layer steps in closed form (one pass per prefill chunk, one per decode step).
 */
package io.tiersim.simulator.engine;
