package io.tiersim.simulator.cost;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The priced stages of one layer (or of the embedding and LM head) for one block of
 * {@code gpuBatches} GPU batches, and how they are scheduled. FlexGen's block schedule (and any
 * layer-by-layer prefetch) puts a barrier after each GPU batch of each stage and issues the next
 * stage's weight load with the stage's first batch, so that load hides only behind one batch:
 * a stage takes {@code max(next weights, batch) + (gpuBatches - 1) x batch}. Without overlap
 * every operator runs in sequence.
 *
 * <p>Within a segment between barriers, lanes run concurrently under overlap (the busiest sets
 * the time) and in sequence without. The host thread, which dispatches everything and does the
 * CPU lane's work, runs ahead of the device asynchronously until the step ends (the token ids
 * come back), so a whole step takes the longer of its device time and its host time ({@link
 * #deviceSeconds}, {@link #hostSeconds}); {@link #seconds} applies that to this step alone.
 */
public record LayerStep(List<Stage> stages) {

  public LayerStep {
    stages = List.copyOf(stages);
  }

  /** Operators that run together between two barriers, {@code repeat} times. */
  public record Segment(List<OpCost> ops, double repeat) {}

  /** The segments of this step for {@code gpuBatches} batches, in the order they run. */
  public List<Segment> segments(int gpuBatches) {
    List<Segment> out = new ArrayList<>(2 * stages.size());
    int n = stages.size();
    for (int i = 0; i < n; i++) {
      Stage stage = stages.get(i);
      Stage next = stages.get((i + 1) % n);
      List<OpCost> first = new ArrayList<>(stage.perGpuBatch());
      first.addAll(next.weights());
      out.add(new Segment(first, 1));
      if (gpuBatches > 1) {
        out.add(new Segment(stage.perGpuBatch(), gpuBatches - 1));
      }
    }
    return out;
  }

  /** Wall seconds of this step alone: the longer of its device and host time. */
  public double seconds(int gpuBatches, boolean overlap) {
    return Math.max(hostSeconds(gpuBatches), deviceSeconds(gpuBatches, overlap));
  }

  /** Device seconds: each segment's busiest lane under overlap, or all its lanes in turn. */
  public double deviceSeconds(int gpuBatches, boolean overlap) {
    double total = 0;
    for (Segment s : segments(gpuBatches)) {
      total += deviceSeconds(laneSeconds(s.ops()), overlap) * s.repeat();
    }
    return total;
  }

  /** Seconds of the host thread: dispatching every kernel and copy, and the CPU lane's work. */
  public double hostSeconds(int gpuBatches) {
    double total = 0;
    for (Segment s : segments(gpuBatches)) {
      total += hostSeconds(laneSeconds(s.ops())) * s.repeat();
    }
    return total;
  }

  /**
   * Whether a segment synchronises the host with the device: it moves data over a link, to or from
   * a drive or CSD, or does CPU work that needs the GPU's results (FlexGen syncs after every GPU
   * batch of such work; a GPU-only segment is issued asynchronously).
   */
  public static boolean synchronizes(List<OpCost> ops) {
    for (OpCost op : ops) {
      if (op.seconds() > 0 && op.lane() != Lane.GPU && op.lane() != Lane.HOST) {
        return true;
      }
    }
    return false;
  }

  /** Device seconds of one segment: its busiest lane under overlap, or all its lanes in turn. */
  public static double deviceSeconds(List<OpCost> ops, boolean overlap) {
    return deviceSeconds(laneSeconds(ops), overlap);
  }

  /** Wall seconds of operators that run together between barriers. */
  public static double seconds(List<OpCost> ops, boolean overlap) {
    Map<Lane, Double> lanes = laneSeconds(ops);
    return Math.max(hostSeconds(lanes), deviceSeconds(lanes, overlap));
  }

  /** The device lane that sets a segment's time under overlap, or null (every device lane) without. */
  public static Lane criticalDeviceLane(List<OpCost> ops, boolean overlap) {
    if (!overlap) {
      return null;
    }
    Lane best = Lane.GPU;
    double max = -1;
    for (Map.Entry<Lane, Double> e : laneSeconds(ops).entrySet()) {
      if (e.getKey() != Lane.HOST && e.getValue() > max) {
        max = e.getValue();
        best = e.getKey();
      }
    }
    return best;
  }

  /**
   * The lane that sets a segment's time: {@link Lane#HOST} (with the CPU work it runs) when the
   * host is slower than the device; otherwise the busiest device lane under overlap, or null
   * (every device lane) without.
   */
  public static Lane criticalLane(List<OpCost> ops, boolean overlap) {
    Map<Lane, Double> lanes = laneSeconds(ops);
    if (hostSeconds(lanes) > deviceSeconds(lanes, overlap)) {
      return Lane.HOST;
    }
    if (!overlap) {
      return null;
    }
    Lane best = Lane.GPU;
    double max = -1;
    for (Map.Entry<Lane, Double> e : lanes.entrySet()) {
      if (e.getKey() != Lane.HOST && e.getValue() > max) {
        max = e.getValue();
        best = e.getKey();
      }
    }
    return best;
  }

  /** Every operator of the step, each stage's weights once and its batch work once. */
  public List<OpCost> operators() {
    List<OpCost> all = new ArrayList<>();
    for (Stage s : stages) {
      all.addAll(s.weights());
      all.addAll(s.perGpuBatch());
    }
    return all;
  }

  static Map<Lane, Double> laneSeconds(List<OpCost> ops) {
    Map<Lane, Double> lanes = new EnumMap<>(Lane.class);
    for (OpCost op : ops) {
      lanes.merge(op.lane(), op.seconds(), Double::sum);
    }
    return lanes;
  }

  private static double hostSeconds(Map<Lane, Double> lanes) {
    return lanes.getOrDefault(Lane.HOST, 0.0) + lanes.getOrDefault(Lane.CPU, 0.0);
  }

  private static double deviceSeconds(Map<Lane, Double> lanes, boolean overlap) {
    double total = 0;
    double max = 0;
    for (Map.Entry<Lane, Double> e : lanes.entrySet()) {
      if (e.getKey() == Lane.HOST) {
        continue;
      }
      total += e.getValue();
      max = Math.max(max, e.getValue());
    }
    return overlap ? max : total;
  }
}
