package io.tiersim.simulator.memory;

import io.tiersim.model.Tier;

/** A tier that does not hold what a phase needs, and by how many bytes. */
public record Overflow(Tier tier, Phase phase, double neededBytes, double capacityBytes) {
  public double overflowBytes() {
    return neededBytes - capacityBytes;
  }
}
