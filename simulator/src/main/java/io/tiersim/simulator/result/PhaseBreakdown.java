package io.tiersim.simulator.result;

/** Per-tier breakdown at the peak of each phase. */
public record PhaseBreakdown(TierBytes<TierBreakdown> prefill, TierBytes<TierBreakdown> decode) {}
