package io.tiersim.simulator.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One server's use over a phase.
 *
 * @param busyS seconds it ran tasks
 * @param utilization busy seconds over the phase's wall seconds
 * @param criticalS seconds its tasks were on the critical path
 * @param contentionS seconds tasks on the critical path waited, ready, for it to free up
 */
@JsonPropertyOrder({"server", "busy_s", "utilization", "critical_s", "contention_s"})
public record ServerUse(String server, double busyS, double utilization, double criticalS, double contentionS) {}
