package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;
import io.tiersim.model.strategy.StrategyConfig;
import java.util.List;

/**
 * A scenario exactly as written in YAML, before ids are looked up and presets resolved.
 *
 * @param runtime how the host issues GPU work; null means eager PyTorch
 * @param event knobs of the discrete-event engine; null for the defaults
 * @param serving a serving experiment; a scenario with one needs no workload
 */
public record ScenarioFile(
    String name,
    String description,
    String model,
    String system,
    Workload workload,
    List<StrategyConfig> strategies,
    Runtime runtime,
    EventConfig event,
    ServingConfig serving) {
  public ScenarioFile {
    Require.nonBlank(model, "model");
    Require.nonBlank(system, "system");
    if (serving == null) {
      Require.present(workload, "workload");
    }
    Require.nonEmpty(strategies, "strategies");
    strategies = List.copyOf(strategies);
  }
}
