package io.tiersim.simulator.engine;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Resource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Adds up one phase step by step: wall seconds, the seconds each resource set on the critical
 * path, and the bytes each resource moved. Within a step the host thread runs ahead of the device
 * until a segment synchronises them (see {@link #add}); each segment charges the operators of
 * whichever side bounded it.
 */
final class PhaseTally {
  private static final int N = Resource.values().length;

  private double seconds;
  private final double[] charged = new double[N];
  private final double[] bytes = new double[N];

  private double stepWeight;
  private double hostClock;
  private double deviceClock;
  private final double[] stepCharges = new double[N];

  /** Starts a step that counts {@code weight} times (trapezoid weights for sampled decode steps). */
  void beginStep(double weight) {
    stepWeight = weight;
    hostClock = 0;
    deviceClock = 0;
    Arrays.fill(stepCharges, 0);
  }

  /**
   * Adds {@code count} layers (or the head) of {@code gpuBatches} GPU batches to the current step.
   * Two clocks run through the step's segments: the host thread's (dispatch and CPU work) and the
   * device's. The host runs ahead, but a segment's device work cannot finish before its dispatch
   * has; a segment that moves data or does CPU work synchronises both (FlexGen syncs after every
   * GPU batch; a pageable copy or a CPU result blocks the host), so it starts when both are free.
   */
  void add(LayerStep step, int gpuBatches, boolean overlap, double count) {
    if (count == 0) {
      return;
    }
    for (LayerStep.Segment segment : step.segments(gpuBatches)) {
      double repeat = count * segment.repeat();
      List<OpCost> ops = segment.ops();
      double host = 0;
      for (OpCost op : ops) {
        for (Map.Entry<Resource, Double> b : op.bytes().entrySet()) {
          bytes[b.getKey().ordinal()] += b.getValue() * repeat * stepWeight;
        }
        if (op.lane() == Lane.HOST || op.lane() == Lane.CPU) {
          host += op.seconds();
        }
      }
      double device = LayerStep.deviceSeconds(ops, overlap);
      boolean hostBound;
      if (LayerStep.synchronizes(ops)) {
        double start = Math.max(hostClock, deviceClock);
        hostBound = host > device;
        hostClock = deviceClock = start + repeat * Math.max(host, device);
      } else {
        // Repeats of one segment: the host clock advances by its time, the device by its own but
        // never ahead of the dispatch it waits on.
        hostClock += repeat * host;
        double ran = deviceClock + repeat * device;
        hostBound = hostClock > ran;
        deviceClock = Math.max(ran, hostClock);
      }
      charge(ops, hostBound, LayerStep.criticalDeviceLane(ops, overlap), repeat);
    }
  }

  private void charge(List<OpCost> ops, boolean hostBound, Lane critical, double weight) {
    for (OpCost op : ops) {
      boolean onPath = hostBound ? op.lane() == Lane.HOST || op.lane() == Lane.CPU
          : op.lane() != Lane.HOST && (critical == null || op.lane() == critical);
      if (onPath) {
        charge(stepCharges, op, weight);
      }
    }
  }

  /** Ends the step when both clocks are done (the host reads the new token ids). */
  void endStep() {
    for (int i = 0; i < N; i++) {
      charged[i] += stepCharges[i] * stepWeight;
    }
    seconds += Math.max(hostClock, deviceClock) * stepWeight;
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
    return Bottleneck.of(charged, bytes);
  }

}
