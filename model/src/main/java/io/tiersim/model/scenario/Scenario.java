package io.tiersim.model.scenario;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.Strategy;
import java.util.List;

/**
 * A resolved scenario: a model on a system running a workload under several strategies, issued
 * by a runtime (eager PyTorch unless the scenario says {@code runtime: cuda_graphs}).
 */
public record Scenario(
    String name,
    String description,
    ModelArchitecture model,
    SystemProfile system,
    Workload workload,
    List<Strategy> strategies,
    Runtime runtime) {
  public Scenario {
    strategies = List.copyOf(strategies);
    runtime = runtime == null ? Runtime.EAGER : runtime;
  }

  /** A scenario run by eager PyTorch, as the seed papers' reference code is. */
  public Scenario(String name, String description, ModelArchitecture model, SystemProfile system, Workload workload,
      List<Strategy> strategies) {
    this(name, description, model, system, workload, strategies, Runtime.EAGER);
  }
}
