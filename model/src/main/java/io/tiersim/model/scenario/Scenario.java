package io.tiersim.model.scenario;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.Strategy;
import java.util.List;

/** A resolved scenario: a model on a system running a workload under several strategies. */
public record Scenario(
    String name,
    String description,
    ModelArchitecture model,
    SystemProfile system,
    Workload workload,
    List<Strategy> strategies) {
  public Scenario {
    strategies = List.copyOf(strategies);
  }
}
