package io.tiersim.simulator.memory;

import io.tiersim.model.Tier;

/**
 * Bytes on one tier at one phase's peak, by kind, against the tier's usable capacity (for the
 * GPU: memory less the runtime reserve on every GPU).
 */
public record TierUsage(
    Tier tier, double weightsBytes, double kvCacheBytes, double activationBytes, double workspaceBytes,
    double capacityBytes) {

  public double totalBytes() {
    return weightsBytes + kvCacheBytes + activationBytes + workspaceBytes;
  }

  public double overflowBytes() {
    return Math.max(0, totalBytes() - capacityBytes);
  }

  public boolean fits() {
    return totalBytes() <= capacityBytes;
  }

  TierUsage plus(double weights, double kv, double activations, double workspace) {
    return new TierUsage(tier, weightsBytes + weights, kvCacheBytes + kv, activationBytes + activations,
        workspaceBytes + workspace, capacityBytes);
  }
}
