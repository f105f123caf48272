package io.tiersim.simulator.engine;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds up one phase step by step: wall seconds, the seconds each resource set on the critical
 * path, and the bytes each resource moved. Within a step the host thread runs ahead of the
 * device, so a step takes the longer of its host time and its device time (see {@link
 * LayerStep}); only the operators on that path are charged, so the shares sum to the phase's time.
 */
final class PhaseTally {
  private static final int N = Resource.values().length;

  private double seconds;
  private final double[] charged = new double[N];
  private final double[] bytes = new double[N];

  private double stepWeight;
  private double stepHost;
  private double stepDevice;
  private final double[] hostCharges = new double[N];
  private final double[] deviceCharges = new double[N];

  /** Starts a step that counts {@code weight} times (trapezoid weights for sampled decode steps). */
  void beginStep(double weight) {
    stepWeight = weight;
    stepHost = 0;
    stepDevice = 0;
    Arrays.fill(hostCharges, 0);
    Arrays.fill(deviceCharges, 0);
  }

  /** Adds {@code count} layers (or the head) of {@code gpuBatches} GPU batches to the current step. */
  void add(LayerStep step, int gpuBatches, boolean overlap, double count) {
    if (count == 0) {
      return;
    }
    for (LayerStep.Segment segment : step.segments(gpuBatches)) {
      double w = count * segment.repeat();
      List<OpCost> ops = segment.ops();
      Lane critical = LayerStep.criticalDeviceLane(ops, overlap);
      double host = 0;
      for (OpCost op : ops) {
        for (Map.Entry<Resource, Double> b : op.bytes().entrySet()) {
          bytes[b.getKey().ordinal()] += b.getValue() * w * stepWeight;
        }
        if (op.lane() == Lane.HOST || op.lane() == Lane.CPU) {
          host += op.seconds();
          charge(hostCharges, op, w);
        }
        if (op.lane() != Lane.HOST && (critical == null || op.lane() == critical)) {
          charge(deviceCharges, op, w);
        }
      }
      stepHost += host * w;
    }
    stepDevice += step.deviceSeconds(gpuBatches, overlap) * count;
  }

  /** Ends the step: the slower of host and device sets its time and gets the charges. */
  void endStep() {
    boolean hostBound = stepHost > stepDevice;
    double[] from = hostBound ? hostCharges : deviceCharges;
    for (int i = 0; i < N; i++) {
      charged[i] += from[i] * stepWeight;
    }
    seconds += Math.max(stepHost, stepDevice) * stepWeight;
  }

  /** A phase of one step: begin, add, end. */
  void addStep(LayerStep step, int gpuBatches, boolean overlap, double weight) {
    beginStep(weight);
    add(step, gpuBatches, overlap, 1);
    endStep();
  }

  private static void charge(double[] into, OpCost op, double weight) {
    Resource fixedOn = op.lane() == Lane.GPU ? Resource.KERNEL_LAUNCH : op.bound();
    into[fixedOn.ordinal()] += op.launchSeconds() * weight;
    into[op.bound().ordinal()] += op.workSeconds() * weight;
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
