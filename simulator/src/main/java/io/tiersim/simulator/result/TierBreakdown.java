package io.tiersim.simulator.result;

import io.tiersim.simulator.memory.TierUsage;

/** Bytes on one tier at one phase's peak, rounded to whole bytes for output. */
public record TierBreakdown(long weights, long kvCache, long activations, long workspace, long total, long capacity) {
  public static TierBreakdown of(TierUsage u) {
    return new TierBreakdown(Math.round(u.weightsBytes()), Math.round(u.kvCacheBytes()),
        Math.round(u.activationBytes()), Math.round(u.workspaceBytes()), Math.round(u.totalBytes()),
        Math.round(u.capacityBytes()));
  }
}
