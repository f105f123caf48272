package io.tiersim.model.scenario;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.Strategy;
import java.util.List;

/**
 * A resolved scenario: a model on a system running a workload under several strategies, issued
 * by a runtime (eager PyTorch unless the scenario says {@code runtime: cuda_graphs}).
 *
 * @param workload the batch job; null in a serving scenario
 * @param event knobs of the discrete-event engine (never null)
 * @param serving the serving experiment, with its trace path resolved; null when there is none
 */
public record Scenario(
    String name,
    String description,
    ModelArchitecture model,
    SystemProfile system,
    Workload workload,
    List<Strategy> strategies,
    Runtime runtime,
    EventConfig event,
    ServingConfig serving) {
  public Scenario {
    strategies = List.copyOf(strategies);
    runtime = runtime == null ? Runtime.EAGER : runtime;
    event = event == null ? EventConfig.defaults() : event;
  }

  public Scenario(String name, String description, ModelArchitecture model, SystemProfile system, Workload workload,
      List<Strategy> strategies, Runtime runtime) {
    this(name, description, model, system, workload, strategies, runtime, null, null);
  }

  /** A scenario run by eager PyTorch, as the seed papers' reference code is. */
  public Scenario(String name, String description, ModelArchitecture model, SystemProfile system, Workload workload,
      List<Strategy> strategies) {
    this(name, description, model, system, workload, strategies, Runtime.EAGER);
  }
}
