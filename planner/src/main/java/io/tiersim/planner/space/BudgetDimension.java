package io.tiersim.planner.space;

import io.tiersim.model.Tier;

/**
 * What a plan uses that a budget caps: memory per tier at the peak of prefill and of decode, and the
 * quality-loss proxy. Each is the sum of a per-layer part and, for memory, a part that belongs to no
 * single layer (embeddings, activations, streaming buffers).
 */
public enum BudgetDimension {
  GPU_PREFILL(Tier.GPU, true),
  GPU_DECODE(Tier.GPU, false),
  CPU_PREFILL(Tier.CPU, true),
  CPU_DECODE(Tier.CPU, false),
  DISK_PREFILL(Tier.DISK, true),
  DISK_DECODE(Tier.DISK, false),
  QUALITY(null, false);

  private final Tier tier;
  private final boolean prefill;

  BudgetDimension(Tier tier, boolean prefill) {
    this.tier = tier;
    this.prefill = prefill;
  }

  /** The tier of a memory resource; null for quality. */
  public Tier tier() {
    return tier;
  }

  public boolean isMemory() {
    return tier != null;
  }

  public boolean atPrefill() {
    return prefill;
  }

  public static BudgetDimension memory(Tier tier, boolean prefill) {
    for (BudgetDimension r : values()) {
      if (r.tier == tier && r.prefill == prefill) {
        return r;
      }
    }
    throw new IllegalArgumentException("no budget dimension for tier " + tier);
  }

  /** How a budget on this resource is written in a plan file. */
  public String budgetField() {
    return tier == null ? "budgets.quality_loss_pct" : "budgets." + tier.key() + "_gib";
  }
}
