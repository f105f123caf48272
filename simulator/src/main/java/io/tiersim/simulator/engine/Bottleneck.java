package io.tiersim.simulator.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.simulator.cost.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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

  /**
   * The bottleneck of seconds charged to each resource and bytes each moved, both indexed by
   * {@link Resource#ordinal()}: shares largest first (ties in resource order), bytes in resource order.
   */
  public static Bottleneck of(double[] charged, double[] bytes) {
    double total = 0;
    for (double c : charged) {
      total += c;
    }
    List<Resource> order = new ArrayList<>(List.of(Resource.values()));
    order.sort(Comparator.comparingDouble((Resource r) -> -charged[r.ordinal()]).thenComparing(Enum::ordinal));
    Map<String, Double> shares = new LinkedHashMap<>();
    for (Resource r : order) {
      if (charged[r.ordinal()] > 0 && total > 0) {
        shares.put(r.key(), charged[r.ordinal()] / total);
      }
    }
    Map<String, Double> moved = new LinkedHashMap<>();
    for (Resource r : Resource.values()) {
      if (bytes[r.ordinal()] > 0) {
        moved.put(r.key(), bytes[r.ordinal()]);
      }
    }
    return new Bottleneck(shares.isEmpty() ? "none" : shares.keySet().iterator().next(), shares, moved);
  }

  public double share(String resource) {
    return shares.getOrDefault(resource, 0.0);
  }
}
