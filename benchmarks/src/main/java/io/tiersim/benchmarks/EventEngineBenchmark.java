package io.tiersim.benchmarks;

import io.tiersim.simulator.event.EventEngine;
import io.tiersim.simulator.event.EventQueue;
import io.tiersim.simulator.event.TaskGraph;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The event engine's core loop in events per second (one event per task): a graph shaped like a
 * decode pass (segments of per-lane chains between barriers, on the eleven servers) and a random
 * graph with queueing on shared servers; and the bare event queue (hold model). The target is at least 5
 * million events per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventEngineBenchmark {
  static final int TASKS = 1 << 20;

  private TaskGraph pipeline;
  private TaskGraph random;
  private EventEngine engine;
  private EventQueue queue;
  private double[] times;

  @Setup
  public void build() {
    engine = EventEngine.forResourceKinds();
    pipeline = pipelineShaped(TASKS);
    random = randomGraph(TASKS);
    queue = new EventQueue();
    times = new double[TASKS];
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < TASKS; i++) {
      times[i] = rng.nextDouble();
    }
  }

  /** Segments of 12 operators on 4 lanes in chains of 3, then a barrier. */
  static TaskGraph pipelineShaped(int tasks) {
    TaskGraph g = new TaskGraph();
    SplittableRandom rng = new SplittableRandom(7);
    int barrier = -1;
    while (g.size() + 13 <= tasks) {
      int[] tails = {-1, -1, -1, -1};
      for (int i = 0; i < 12; i++) {
        int lane = i % 4;
        int t = g.add(rng.nextDouble() * 1e-3, lane, i);
        if (tails[lane] >= 0) {
          g.dependsOn(t, tails[lane]);
        } else if (barrier >= 0) {
          g.dependsOn(t, barrier);
        }
        tails[lane] = t;
      }
      int b = g.add(0, TaskGraph.NO_RESOURCE, -1);
      for (int t : tails) {
        g.dependsOn(b, t);
      }
      barrier = b;
    }
    return g;
  }

  static TaskGraph randomGraph(int tasks) {
    TaskGraph g = new TaskGraph();
    SplittableRandom rng = new SplittableRandom(42);
    for (int i = 0; i < tasks; i++) {
      g.add(rng.nextDouble(), rng.nextInt(11), i);
      if (i > 0) {
        g.dependsOn(i, Math.max(0, i - 1 - rng.nextInt(64)));
      }
    }
    return g;
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public double pipelineGraph() {
    return engine.run(pipeline);
  }

  @Benchmark
  @OperationsPerInvocation(TASKS)
  public double randomGraphWithQueueing() {
    return engine.run(random);
  }

  /**
   * The classic hold model of event-queue benchmarks: with {@link #PENDING} events pending, pop the
   * earliest and push one a random time later, a million times.
   */
  @Benchmark
  @OperationsPerInvocation(TASKS)
  public int queueHold() {
    queue.clear();
    for (int i = 0; i < PENDING; i++) {
      queue.push(times[i], i);
    }
    int last = 0;
    for (int i = 0; i < TASKS; i++) {
      last = queue.pop();
      queue.push(queue.lastTime() + times[i], last);
    }
    return last;
  }

  static final int PENDING = 1024;
}
