package io.tiersim.simulator.memory;

import io.tiersim.model.Tier;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Bytes on every tier at the peak of one phase. */
public record PhaseMemory(Phase phase, Map<Tier, TierUsage> tiers) {
  public PhaseMemory {
    tiers = Collections.unmodifiableMap(new EnumMap<>(tiers));
  }

  public TierUsage tier(Tier t) {
    return tiers.get(t);
  }

  public boolean fits() {
    return tiers.values().stream().allMatch(TierUsage::fits);
  }
}
