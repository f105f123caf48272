package io.tiersim.simulator.engine;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up one phase: wall seconds, the seconds each resource set on the critical path, and the
 * bytes each resource moved. Only the operators on a step's critical path are charged (see
 * {@link LayerStep#criticalLane}), so the shares sum to the phase's time.
 */
final class PhaseTally {
  private double seconds;
  private final double[] charged = new double[Resource.values().length];
  private final double[] bytes = new double[Resource.values().length];

  /** Adds {@code weight} copies of a step of {@code gpuBatches} GPU batches. */
  void add(LayerStep step, int gpuBatches, boolean overlap, double weight) {
    if (weight == 0) {
      return;
    }
    for (LayerStep.Segment segment : step.segments(gpuBatches)) {
      double w = weight * segment.repeat();
      seconds += LayerStep.seconds(segment.ops(), overlap) * w;
      charge(segment.ops(), LayerStep.criticalLane(segment.ops(), overlap), w);
    }
  }

  /** Charges the operators on the critical path: the host thread's (dispatch and CPU work), one lane's, or, when null, every device lane's. */
  private void charge(List<OpCost> ops, Lane critical, double weight) {
    for (OpCost op : ops) {
      for (Map.Entry<Resource, Double> b : op.bytes().entrySet()) {
        bytes[b.getKey().ordinal()] += b.getValue() * weight;
      }
      boolean onPath = critical == null ? op.lane() != Lane.HOST
          : critical == Lane.HOST ? op.lane() == Lane.HOST || op.lane() == Lane.CPU
          : op.lane() == critical;
      if (!onPath) {
        continue;
      }
      Resource fixedOn = op.lane() == Lane.GPU ? Resource.KERNEL_LAUNCH : op.bound();
      charged[fixedOn.ordinal()] += op.launchSeconds() * weight;
      charged[op.bound().ordinal()] += op.workSeconds() * weight;
    }
  }

  double seconds() {
    return seconds;
  }

  Bottleneck bottleneck() {
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
    String bound = shares.isEmpty() ? "none" : shares.keySet().iterator().next();
    return new Bottleneck(bound, shares, moved);
  }
}
