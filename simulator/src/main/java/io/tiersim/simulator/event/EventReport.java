package io.tiersim.simulator.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.simulator.result.ScenarioSummary;
import io.tiersim.simulator.result.StrategyResult;
import java.util.List;

/**
 * What {@code tiersim simulate --engine event --json} prints: the same per-strategy results as
 * the analytic engine's (memory, fit, capacity) with the event engine's times in the timing
 * fields, plus one comparison per strategy (and per speculative pair).
 */
@JsonPropertyOrder({"scenario", "engine", "results", "event"})
public record EventReport(ScenarioSummary scenario, String engine, List<StrategyResult> results,
    List<EventComparison> event) {}
