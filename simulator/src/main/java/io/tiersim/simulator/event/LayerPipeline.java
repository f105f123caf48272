package io.tiersim.simulator.event;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Resource;
import io.tiersim.simulator.cost.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the task graph of one forward pass (a prefill chunk or a decode step) from the cost
 * model's layer steps: FlexGen's zig-zag block schedule, which runs each stage (a layer's
 * attention or MLP half, or the embedding and head) for every GPU batch before moving on, with a
 * synchronisation after each GPU batch of each stage (FlexGen's {@code sync()}). Layer-by-layer
 * decode is the case of one GPU batch.
 *
 * <p>The host thread dispatches every kernel and copy of the pass in one chain that runs ahead of
 * the device; a segment's barrier waits for its dispatches, and a segment that moves data or does
 * CPU work ({@link LayerStep#synchronizes}) also holds the host at its barriers, as the analytic
 * engine's two clocks do. Between two synchronisations,
 * under overlap each device lane (CPU work included) runs its operators in sequence, all lanes at
 * once; without overlap every device operator runs in sequence and the CPU work after them. Streamed weights are prefetched
 * {@code depth} stages ahead: with depth 1 the next stage's weights load during the current
 * stage's first GPU batch and the synchronisation after it waits for them, exactly the
 * assumption of {@link LayerStep#segments}; with depth {@code d > 1} the load for stage {@code s}
 * is issued with stage {@code s - d}'s first batch and awaited only at the end of stage {@code
 * s - 1}'s first batch, and each GPU batch's KV and hidden-state reads are issued {@code d - 1}
 * batches ahead (FlexGen's {@code load_cache(k + 1)} at depth 2). Early loads then compete for
 * the copy engines and drives with the work of the batches they overlap, which the event engine
 * resolves and the analytic engine cannot.
 */
public final class LayerPipeline {
  private final int gpuBatches;
  private final boolean overlap;
  private final int depth;
  private final TaskGraph graph = new TaskGraph();
  private final List<OpCost> ops = new ArrayList<>();
  private int lastBarrier;
  private int hostTail;

  /**
   * @param depth prefetch depth in stages (1: the analytic engine's schedule); without overlap
   *     nothing is prefetched and the depth is ignored
   */
  public LayerPipeline(int gpuBatches, boolean overlap, int depth) {
    if (gpuBatches <= 0 || depth <= 0) {
      throw new IllegalArgumentException("pipeline: expected positive GPU batches and depth, got " + gpuBatches + ", " + depth);
    }
    this.gpuBatches = gpuBatches;
    this.overlap = overlap;
    this.depth = overlap ? depth : 1;
  }

  /** The graph of one pass through {@code steps} (layers in order, then the embedding and head). */
  public TaskGraph build(List<LayerStep> steps) {
    graph.clear();
    ops.clear();
    hostTail = -1;
    List<Stage> stages = new ArrayList<>();
    List<List<OpCost>> loads = new ArrayList<>();
    for (LayerStep step : steps) {
      int n = step.stages().size();
      for (int i = 0; i < n; i++) {
        stages.add(step.stages().get(i));
        // As LayerStep.segments: a stage loads the weights of its step's next stage, cyclically.
        loads.add(step.stages().get((i + 1) % n).weights());
      }
    }
    int segments = stages.size() * gpuBatches;
    int[] barrier = new int[segments];
    for (int k = 0; k < segments; k++) {
      barrier[k] = graph.add(0, TaskGraph.NO_RESOURCE, -1);
    }
    for (int k = 0; k < segments; k++) {
      int j = k / gpuBatches;
      int b = k % gpuBatches;
      List<OpCost> own = new ArrayList<>(stages.get(j).perGpuBatch());
      if (depth > 1 && !hasCpuWork(own)) {
        List<OpCost> inputs = own.stream().filter(LayerPipeline::prefetchable).toList();
        own.removeAll(inputs);
        int issue = Math.max(0, k - (depth - 1));
        addGroup(inputs, issue == 0 ? -1 : barrier[issue - 1], barrier[Math.max(issue, k - 1)], false);
      }
      if (b == 0) {
        if (depth == 1) {
          own.addAll(loads.get(j));
        } else {
          issueLoads(j, loads, barrier);
        }
      }
      addGroup(own, k == 0 ? -1 : barrier[k - 1], barrier[k], true);
    }
    lastBarrier = segments == 0 ? -1 : barrier[segments - 1];
    if (hostTail >= 0) {
      int end = graph.add(0, TaskGraph.NO_RESOURCE, -1);
      graph.dependsOn(end, hostTail);
      if (lastBarrier >= 0) {
        graph.dependsOn(end, lastBarrier);
      }
      lastBarrier = end;
    }
    return graph;
  }

  /** Loads for the stages whose issue point is stage {@code j}: all of the first {@code depth} at stage 0. */
  private void issueLoads(int j, List<List<OpCost>> loads, int[] barrier) {
    int from = j == 0 ? 0 : j + depth - 1;
    int to = j + depth - 1;
    for (int m = from; m <= to && m < loads.size(); m++) {
      int after = j == 0 ? -1 : barrier[j * gpuBatches - 1];
      addGroup(loads.get(m), after, barrier[m * gpuBatches], false);
    }
  }

  /**
   * Operators that run together after {@code after} (a barrier, or -1 for the start) and before
   * {@code before}. Under overlap the host thread dispatches and then does the CPU work, while each
   * device lane runs its operators in sequence. Without overlap the device operators run in
   * sequence, and the CPU work waits for them and for the dispatches, as the analytic engine sums it.
   */
  /**
   * @param segment whether this is a segment's own work (between consecutive barriers), which may
   *     hold the host at them; loads issued ahead never do
   */
  private void addGroup(List<OpCost> group, int after, int before, boolean segment) {
    Map<Lane, Integer> tails = new EnumMap<>(Lane.class);
    List<OpCost> cpuWork = new ArrayList<>();
    boolean sync = segment && LayerStep.synchronizes(group);
    if (sync && after >= 0) {
      // A synchronising segment (data movement or CPU work): the host waits at the barrier too.
      hostTail = after;
    }
    int hostBefore = hostTail;
    for (OpCost op : group) {
      if (op.seconds() == 0 && op.dispatches() == 0) {
        continue;
      }
      if (op.lane() == Lane.HOST) {
        chainHost(op);
        continue;
      }
      if (op.lane() == Lane.CPU) {
        cpuWork.add(op);
        continue;
      }
      chain(tails, overlap ? op.lane() : Lane.GPU, op, after);
    }
    // CPU work runs on the host thread after its dispatches; without overlap it also waits for the
    // device operators before it, as the analytic sum does.
    int deviceJoin = -1;
    if (!overlap && !cpuWork.isEmpty() && !tails.isEmpty()) {
      deviceJoin = graph.add(0, TaskGraph.NO_RESOURCE, -1);
      for (int tail : tails.values()) {
        graph.dependsOn(deviceJoin, tail);
      }
    }
    for (OpCost op : cpuWork) {
      int t = chainHost(op);
      if (deviceJoin >= 0) {
        graph.dependsOn(t, deviceJoin);
      }
    }
    // The segment's device work cannot finish before the host has dispatched it.
    if (segment && hostTail >= 0 && hostTail != hostBefore) {
      graph.dependsOn(before, hostTail);
    }
    for (int tail : tails.values()) {
      graph.dependsOn(before, tail);
    }
    if (tails.isEmpty() && after >= 0) {
      graph.dependsOn(before, after);
    }
    if (sync) {
      hostTail = before;
    }
  }

  /** The host thread's chain across the whole pass, free of the device's barriers. */
  private int chainHost(OpCost op) {
    int t = graph.add(op.seconds(), ResourceKind.of(op).ordinal(), ops.size());
    ops.add(op);
    if (hostTail >= 0) {
      graph.dependsOn(t, hostTail);
    }
    hostTail = t;
    return t;
  }

  private void chain(Map<Lane, Integer> tails, Lane chain, OpCost op, int after) {
    int t = graph.add(op.seconds(), ResourceKind.of(op).ordinal(), ops.size());
    ops.add(op);
    Integer prev = tails.put(chain, t);
    if (prev != null) {
      graph.dependsOn(t, prev);
    } else if (after >= 0) {
      graph.dependsOn(t, after);
    }
  }

  private static boolean hasCpuWork(List<OpCost> group) {
    return group.stream().anyMatch(op -> op.lane() == Lane.CPU && op.seconds() > 0);
  }

  /** Reads a GPU batch can issue before its turn: KV and hidden states coming over PCIe or from the drives. */
  static boolean prefetchable(OpCost op) {
    return op.bound() == Resource.PCIE_HOST_TO_DEVICE || op.bound() == Resource.SSD_READ;
  }

  /** The operator a task of the last built graph runs, by the task's tag. */
  public OpCost op(int tag) {
    return ops.get(tag);
  }

  /** The barrier that ends the last built pass. */
  public int lastBarrier() {
    return lastBarrier;
  }

  public int depth() {
    return depth;
  }
}
