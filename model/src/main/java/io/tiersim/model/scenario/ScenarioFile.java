package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;
import io.tiersim.model.strategy.StrategyConfig;
import java.util.List;

/**
 * A scenario exactly as written in YAML, before ids are looked up and presets resolved.
 *
 * @param runtime how the host issues GPU work; null means eager PyTorch
 */
public record ScenarioFile(
    String name,
    String description,
    String model,
    String system,
    Workload workload,
    List<StrategyConfig> strategies,
    Runtime runtime) {
  public ScenarioFile {
    Require.nonBlank(model, "model");
    Require.nonBlank(system, "system");
    Require.present(workload, "workload");
    Require.nonEmpty(strategies, "strategies");
    strategies = List.copyOf(strategies);
  }
}
