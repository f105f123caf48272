package io.tiersim.simulator.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.model.Tier;
import java.util.Map;
import java.util.function.Function;

/** One number of bytes per tier, in the fixed order gpu, cpu, disk, csd. */
@JsonPropertyOrder({"gpu", "cpu", "disk", "csd"})
public record TierBytes<T>(T gpu, T cpu, T disk, T csd) {
  public static <T> TierBytes<T> of(Function<Tier, T> f) {
    return new TierBytes<>(f.apply(Tier.GPU), f.apply(Tier.CPU), f.apply(Tier.DISK), f.apply(Tier.CSD));
  }

  public static TierBytes<Long> rounded(Map<Tier, Double> bytes) {
    return of(t -> Math.round(bytes.get(t)));
  }
}
