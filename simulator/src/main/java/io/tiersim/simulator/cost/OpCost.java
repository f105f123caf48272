package io.tiersim.simulator.cost;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One priced operator: how long it holds its lane, how much of that is fixed per-kernel cost, which
 * resource bound the rest, and the FLOPs and bytes it put on each resource.
 *
 * @param seconds wall time on its lane, {@code launchSeconds} included
 * @param launchSeconds the fixed part (kernel launches, per-transfer latency)
 * @param bound the resource that set the variable part (the roofline's binding ceiling)
 * @param bytes bytes moved through each byte-moving resource
 * @param dispatches calls the host makes to issue it (kernel launches, copies)
 */
public record OpCost(String name, Lane lane, double seconds, double launchSeconds, Resource bound, double flops,
    Map<Resource, Double> bytes, int dispatches) {

  public OpCost {
    if (!(seconds >= 0) || !Double.isFinite(seconds)) {
      throw new IllegalArgumentException(name + ": seconds must be finite and non-negative, got " + seconds);
    }
    if (bound.lane() != lane && bound != Resource.KERNEL_LAUNCH) {
      throw new IllegalArgumentException(name + ": bound " + bound + " is not on lane " + lane);
    }
    bytes = Collections.unmodifiableMap(bytes.isEmpty() ? new EnumMap<>(Resource.class) : new EnumMap<>(bytes));
  }

  /** The time the bound resource needed beyond the fixed costs. */
  public double workSeconds() {
    return seconds - launchSeconds;
  }

  public double bytesOn(Resource r) {
    return bytes.getOrDefault(r, 0.0);
  }
}
