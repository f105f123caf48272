package io.tiersim.model.strategy;

import io.tiersim.model.Tier;
import io.tiersim.model.io.Require;

/**
 * How a kind of data is split across tiers, as fractions that sum to 1 (FlexGen's placement
 * percentages divided by 100). Omitted tiers are 0.
 */
public record TierFractions(Double gpu, Double cpu, Double disk, Double csd) {
  private static final double TOLERANCE = 1e-6;

  public TierFractions {
    gpu = Require.fraction(gpu == null ? 0 : gpu, "gpu");
    cpu = Require.fraction(cpu == null ? 0 : cpu, "cpu");
    disk = Require.fraction(disk == null ? 0 : disk, "disk");
    csd = Require.fraction(csd == null ? 0 : csd, "csd");
    double sum = gpu + cpu + disk + csd;
    if (Math.abs(sum - 1) > TOLERANCE) {
      throw new IllegalArgumentException(
          "the fractions gpu, cpu, disk and csd must sum to 1, got " + round(sum));
    }
  }

  public static TierFractions all(Tier tier) {
    return new TierFractions(tier == Tier.GPU ? 1.0 : 0, tier == Tier.CPU ? 1.0 : 0,
        tier == Tier.DISK ? 1.0 : 0, tier == Tier.CSD ? 1.0 : 0);
  }

  public static TierFractions onGpu() {
    return all(Tier.GPU);
  }

  public double of(Tier tier) {
    return switch (tier) {
      case GPU -> gpu;
      case CPU -> cpu;
      case DISK -> disk;
      case CSD -> csd;
    };
  }

  private static String round(double v) {
    return String.valueOf(Math.round(v * 1e6) / 1e6);
  }
}
