package io.tiersim.simulator.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The event engine against the analytic engine for one strategy: both totals, their relative
 * difference, and, when they differ, which server the critical path queued for.
 *
 * @param difference event over analytic, less 1
 * @param analyticS null for the speculative schedule, which the analytic engine does not model
 */
@JsonPropertyOrder({"strategy", "schedule", "prefetch_depth", "extra_buffer_bytes", "tasks", "analytic_s", "event_s",
    "difference", "explanation", "prefill_servers", "decode_servers"})
public record EventComparison(
    String strategy,
    String schedule,
    int prefetchDepth,
    long extraBufferBytes,
    long tasks,
    Double analyticS,
    double eventS,
    Double difference,
    String explanation,
    List<ServerUse> prefillServers,
    List<ServerUse> decodeServers) {}
