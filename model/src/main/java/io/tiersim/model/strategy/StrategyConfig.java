package io.tiersim.model.strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * A strategy as written in a scenario or in the preset file: a name, optionally the preset it
 * starts from, and knob overrides. Null fields are "not set". {@link #over} layers one config on
 * another; {@link StrategyResolver} turns the result into one {@link LayerPolicy} per layer.
 */
public record StrategyConfig(
    String name,
    String preset,
    String citation,
    String description,
    WeightsConfig weights,
    KvConfig kv,
    RetentionConfig retention,
    HeadsConfig heads,
    SparseConfig sparse,
    AttentionConfig attention,
    OffloadConfig offload,
    Integer pagedBlockTokens,
    List<LayerOverride> layers) {

  public StrategyConfig {
    if (pagedBlockTokens != null) {
      io.tiersim.model.io.Require.positive(pagedBlockTokens, "paged_block_tokens");
    }
    layers = layers == null ? List.of() : List.copyOf(layers);
  }

  /** This config's set fields over {@code base}'s; layer overrides accumulate, base first. */
  public StrategyConfig over(StrategyConfig base) {
    if (base == null) {
      return this;
    }
    List<LayerOverride> all = new ArrayList<>(base.layers);
    all.addAll(layers);
    return new StrategyConfig(
        name != null ? name : base.name,
        preset != null ? preset : base.preset,
        citation != null ? citation : base.citation,
        description != null ? description : base.description,
        weights != null ? weights.over(base.weights) : base.weights,
        kv != null ? kv.over(base.kv) : base.kv,
        retention != null ? retention.over(base.retention) : base.retention,
        heads != null ? heads.over(base.heads) : base.heads,
        sparse != null ? sparse.over(base.sparse) : base.sparse,
        attention != null ? attention.over(base.attention) : base.attention,
        offload != null ? offload.over(base.offload) : base.offload,
        pagedBlockTokens != null ? pagedBlockTokens : base.pagedBlockTokens,
        all);
  }
}
