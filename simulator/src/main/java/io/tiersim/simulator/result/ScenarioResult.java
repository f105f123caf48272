package io.tiersim.simulator.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** What {@code tiersim simulate --json} prints: the scenario as run and one result per strategy. */
@JsonPropertyOrder({"scenario", "results"})
public record ScenarioResult(ScenarioSummary scenario, List<StrategyResult> results) {}
