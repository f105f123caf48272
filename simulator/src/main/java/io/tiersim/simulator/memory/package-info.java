/**
 * Exact memory accounting: bytes of weights, KV cache, activations and workspace on each tier at
 * the peak of prefill and of decode, whether a scenario fits, and the largest batch and context
 * that do. Every byte count here is a closed-form function of the model, the strategy and the
 * workload, written once and shared by every engine.
 */
package io.tiersim.simulator.memory;
