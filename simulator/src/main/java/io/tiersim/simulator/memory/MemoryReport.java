package io.tiersim.simulator.memory;

import io.tiersim.model.Tier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where the bytes go: each tier at the peak of prefill and of decode, the peak per tier over the
 * run, and which tiers overflow by how much.
 *
 * @param kvCacheBytes the whole KV cache at the end of generation, all tiers
 * @param weightsBytes all weights, all tiers
 */
public record MemoryReport(PhaseMemory prefill, PhaseMemory decode, double kvCacheBytes, double weightsBytes) {

  /** The larger of the two phases' bytes on a tier. */
  public double peakBytes(Tier tier) {
    return Math.max(prefill.tier(tier).totalBytes(), decode.tier(tier).totalBytes());
  }

  public Map<Tier, Double> peakBytes() {
    Map<Tier, Double> peak = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      peak.put(t, peakBytes(t));
    }
    return peak;
  }

  /** The phase whose GPU peak is higher. */
  public Phase gpuPeakPhase() {
    return prefill.tier(Tier.GPU).totalBytes() >= decode.tier(Tier.GPU).totalBytes() ? Phase.PREFILL : Phase.DECODE;
  }

  public boolean fits() {
    return prefill.fits() && decode.fits();
  }

  /** Every tier that overflows, at the phase where it overflows most. */
  public List<Overflow> overflows() {
    List<Overflow> out = new ArrayList<>();
    for (Tier t : Tier.values()) {
      TierUsage worst = prefill.tier(t).overflowBytes() >= decode.tier(t).overflowBytes() ? prefill.tier(t) : decode.tier(t);
      if (!worst.fits()) {
        Phase phase = worst == prefill.tier(t) ? Phase.PREFILL : Phase.DECODE;
        out.add(new Overflow(t, phase, worst.totalBytes(), worst.capacityBytes()));
      }
    }
    return out;
  }
}
