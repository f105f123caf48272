package io.tiersim.simulator.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one phase's time went: the share of its wall time each resource set (on the critical lane
 * of every step), largest first, and the resource with the largest share.
 *
 * @param shares resource key to fraction of the phase's time; the fractions sum to 1
 * @param bytes bytes each resource moved in the phase, all lanes included
 */
@JsonPropertyOrder({"bound", "shares", "bytes"})
public record Bottleneck(String bound, Map<String, Double> shares, Map<String, Double> bytes) {

  public Bottleneck {
    shares = Collections.unmodifiableMap(new LinkedHashMap<>(shares));
    bytes = Collections.unmodifiableMap(new LinkedHashMap<>(bytes));
  }

  public double share(String resource) {
    return shares.getOrDefault(resource, 0.0);
  }
}
