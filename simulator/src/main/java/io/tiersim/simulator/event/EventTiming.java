package io.tiersim.simulator.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.simulator.engine.Timing;
import java.util.List;

/**
 * The event engine's answer for one strategy: the same times and bottlenecks as the analytic
 * engine's {@link Timing}, and how each server was used.
 *
 * @param schedule what ran: {@code block} (FlexGen's zig-zag block schedule, layer by layer when
 *     there is one GPU batch) or {@code speculative} (draft and verify)
 * @param prefetchDepth stages of weights loaded ahead
 * @param extraBufferBytes GPU bytes for the prefetch buffers beyond the two the memory accounting
 *     already counts (depth 1)
 * @param tasks tasks simulated (one event each)
 */
@JsonPropertyOrder({"schedule", "prefetch_depth", "extra_buffer_bytes", "tasks", "timing", "prefill_servers",
    "decode_servers"})
public record EventTiming(
    String schedule,
    int prefetchDepth,
    long extraBufferBytes,
    long tasks,
    Timing timing,
    List<ServerUse> prefillServers,
    List<ServerUse> decodeServers) {

  public EventTiming {
    prefillServers = List.copyOf(prefillServers);
    decodeServers = List.copyOf(decodeServers);
  }
}
