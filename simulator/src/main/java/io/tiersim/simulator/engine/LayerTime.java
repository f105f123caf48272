package io.tiersim.simulator.engine;

/**
 * Seconds one layer contributes to a run: over every prefill pass and every decode step, for the
 * whole batch. The sum over layers plus the embedding and LM head is the run's time.
 */
public record LayerTime(double prefillS, double decodeS) {}
