package io.tiersim.simulator.event;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Resource;
import io.tiersim.simulator.engine.Bottleneck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds up one phase of event-engine runs: wall seconds; the seconds each cost-model resource set
 * on the critical path (comparable with the analytic engine's bottleneck); and per server its busy
 * seconds, its seconds on the critical path, and the seconds critical tasks spent queued for it
 * (contention, which the analytic engine does not see).
 */
public final class EventTally {
  private double seconds;
  private final double[] charged = new double[Resource.values().length];
  private final double[] bytes = new double[Resource.values().length];
  private final double[] busy = new double[ResourceKind.values().length];
  private final double[] critical = new double[ResourceKind.values().length];
  private final double[] contention = new double[ResourceKind.values().length];
  private long tasks;

  /** Adds a finished run of {@code pipeline}'s last graph on {@code engine}, {@code weight} times. */
  void add(EventEngine engine, LayerPipeline pipeline, TaskGraph graph, double makespan, double weight) {
    seconds += makespan * weight;
    tasks += graph.size();
    for (int t = 0; t < graph.size(); t++) {
      int tag = graph.tag(t);
      if (tag < 0) {
        continue;
      }
      OpCost op = pipeline.op(tag);
      busy[graph.resource(t)] += graph.duration(t) * weight;
      for (Map.Entry<Resource, Double> b : op.bytes().entrySet()) {
        bytes[b.getKey().ordinal()] += b.getValue() * weight;
      }
    }
    for (int t = pipeline.lastBarrier(); t >= 0; t = engine.heldBy(t)) {
      int tag = graph.tag(t);
      if (engine.queuedForServer(t)) {
        contention[graph.resource(t)] += (engine.start(t) - engine.ready(t)) * weight;
      }
      if (tag < 0) {
        continue;
      }
      OpCost op = pipeline.op(tag);
      critical[graph.resource(t)] += graph.duration(t) * weight;
      Resource fixedOn = op.lane() == Lane.GPU ? Resource.KERNEL_LAUNCH : op.bound();
      charged[fixedOn.ordinal()] += op.launchSeconds() * weight;
      charged[op.bound().ordinal()] += op.workSeconds() * weight;
    }
  }

  public double seconds() {
    return seconds;
  }

  public long tasks() {
    return tasks;
  }

  /** The cost-model resources on the critical path, as the analytic engine reports them. */
  public Bottleneck bottleneck() {
    return Bottleneck.of(charged, bytes);
  }


  /** Each server's use in this phase, in the order of {@link ResourceKind}, servers never used left out. */
  public List<ServerUse> servers() {
    List<ServerUse> out = new ArrayList<>();
    for (ResourceKind k : ResourceKind.values()) {
      int i = k.ordinal();
      if (busy[i] > 0 || contention[i] > 0) {
        out.add(new ServerUse(k.key(), busy[i], seconds > 0 ? busy[i] / seconds : 0, critical[i], contention[i]));
      }
    }
    return out;
  }

  /** The server whose queue held the critical path longest, or null when nothing queued. */
  public String mostContended() {
    int best = -1;
    for (int i = 0; i < contention.length; i++) {
      if (contention[i] > 0 && (best < 0 || contention[i] > contention[best])) {
        best = i;
      }
    }
    return best < 0 ? null : ResourceKind.values()[best].key();
  }

  public double contentionSeconds() {
    double s = 0;
    for (double c : contention) {
      s += c;
    }
    return s;
  }
}
