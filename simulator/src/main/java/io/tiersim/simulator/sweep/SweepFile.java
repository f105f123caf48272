package io.tiersim.simulator.sweep;

import io.tiersim.model.io.Require;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.strategy.StrategyConfig;
import java.util.List;

/**
 * A sweep exactly as written in YAML: the models and systems to cross, the strategies (as in a
 * scenario), the workload axes, and optionally the SLOs a point must meet to serve its demand.
 *
 * @param prefillChunkTokens chunked prefill for every point (absent: the whole prompt in one pass)
 */
public record SweepFile(
    String name,
    String description,
    List<String> models,
    List<String> systems,
    Runtime runtime,
    Integer prefillChunkTokens,
    SweepAxes axes,
    Slo slo,
    List<StrategyConfig> strategies) {

  public SweepFile {
    Require.nonEmpty(models, "models");
    Require.nonEmpty(systems, "systems");
    for (int i = 0; i < models.size(); i++) {
      Require.nonBlank(models.get(i), "models[" + i + "]");
    }
    for (int i = 0; i < systems.size(); i++) {
      Require.nonBlank(systems.get(i), "systems[" + i + "]");
    }
    if (prefillChunkTokens != null) {
      Require.positive(prefillChunkTokens, "prefill_chunk_tokens");
    }
    Require.present(axes, "axes");
    Require.nonEmpty(strategies, "strategies");
    models = List.copyOf(models);
    systems = List.copyOf(systems);
    strategies = List.copyOf(strategies);
    slo = slo == null ? Slo.NONE : slo;
  }
}
