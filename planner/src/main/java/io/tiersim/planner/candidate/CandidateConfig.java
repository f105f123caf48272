package io.tiersim.planner.candidate;

import io.tiersim.model.strategy.AttentionConfig;
import io.tiersim.model.strategy.HeadsConfig;
import io.tiersim.model.strategy.KvConfig;
import io.tiersim.model.strategy.RetentionConfig;
import io.tiersim.model.strategy.SparseConfig;
import io.tiersim.model.strategy.TierFractions;
import io.tiersim.model.strategy.WeightsConfig;
import java.util.List;

/**
 * One per-layer option as written in a plan file: presets to combine ({@code use}, in order, each
 * contributing its per-layer knobs and its entry in the error model), then knobs of a layer
 * override, then where the layer's KV lives. {@code quality_loss_pct} overrides the error model and
 * is required when the option sets KV, retention, head or sparse knobs itself.
 */
public record CandidateConfig(
    String name,
    List<String> use,
    WeightsConfig weights,
    KvConfig kv,
    RetentionConfig retention,
    HeadsConfig heads,
    SparseConfig sparse,
    AttentionConfig attention,
    TierFractions kvCache,
    Double qualityLossPct) {

  public CandidateConfig {
    use = use == null ? List.of() : List.copyOf(use);
    if (qualityLossPct != null) {
      io.tiersim.model.io.Require.nonNegative(qualityLossPct, "quality_loss_pct");
    }
  }

  /** Whether the option sets knobs that change its error beyond what its presets say. */
  boolean setsMethodKnobs() {
    return kv != null || retention != null || heads != null || sparse != null;
  }
}
