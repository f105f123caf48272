package io.tiersim.simulator.event;

import java.util.Arrays;

/**
 * Runs a {@link TaskGraph} on servers of fixed capacity: a task starts when every task it depends
 * on has ended and a unit of its server is free; tasks waiting for a server start in the order
 * they became ready (ties in the order their events were raised), so a run is deterministic. One
 * event per task, its completion, goes through the {@link EventQueue}.
 *
 * <p>Each task remembers what held it back: the dependency that ended last, or, when it queued,
 * the task that freed its server. Walking that chain back from the last task to end gives the
 * critical path, and says which server was busy when the event engine and the analytic engine
 * differ.
 */
public final class EventEngine {
  private final int[] capacity;
  private final EventQueue queue = new EventQueue();
  private final int[] busy;
  private final double[] busySeconds;
  private final double[] waitSeconds;
  private int[][] waiting;
  private final int[] waitHead;
  private final int[] waitCount;
  private double[] start = new double[0];
  private double[] end = new double[0];
  private double[] ready = new double[0];
  private int[] pending = new int[0];
  private int[] heldBy = new int[0];
  private boolean[] queued = new boolean[0];
  private TaskGraph graph;
  private long events;

  /** Servers numbered from 0, each with its capacity (tasks it runs at once). */
  public EventEngine(int... capacity) {
    for (int c : capacity) {
      if (c <= 0) {
        throw new IllegalArgumentException("capacity: expected a positive number of servers, got " + c);
      }
    }
    this.capacity = capacity.clone();
    int n = capacity.length;
    busy = new int[n];
    busySeconds = new double[n];
    waitSeconds = new double[n];
    waiting = new int[n][16];
    waitHead = new int[n];
    waitCount = new int[n];
  }

  /** One server of capacity 1 for every {@link ResourceKind}. */
  public static EventEngine forResourceKinds() {
    int[] c = new int[ResourceKind.values().length];
    Arrays.fill(c, 1);
    return new EventEngine(c);
  }

  /**
   * Runs the graph from time 0 and returns its makespan. Afterwards {@link #start}, {@link #end}
   * and {@link #heldBy} describe every task until the next run.
   *
   * @throws IllegalStateException when some task never ran (the graph has a cycle)
   */
  public double run(TaskGraph g) {
    g.freeze();
    prepare(g);
    int n = g.size();
    for (int t = 0; t < n; t++) {
      if (pending[t] == 0) {
        becomeReady(t, 0);
      }
    }
    double makespan = 0;
    int done = 0;
    while (!queue.isEmpty()) {
      int t = queue.pop();
      double now = queue.lastTime();
      end[t] = now;
      done++;
      makespan = now;
      int r = g.resource(t);
      if (r >= 0) {
        busy[r]--;
        if (waitCount[r] > 0) {
          int next = waiting[r][waitHead[r]];
          waitHead[r] = (waitHead[r] + 1) % waiting[r].length;
          waitCount[r]--;
          heldBy[next] = t;
          queued[next] = true;
          waitSeconds[r] += now - ready[next];
          begin(next, now);
        }
      }
      for (int i = g.successorStart(t), e = g.successorEnd(t); i < e; i++) {
        int s = g.successor(i);
        if (--pending[s] == 0) {
          heldBy[s] = t;
          becomeReady(s, now);
        }
      }
    }
    events += done;
    if (done != n) {
      throw new IllegalStateException("task graph: " + (n - done) + " of " + n + " tasks never ran (a dependency cycle)");
    }
    return makespan;
  }

  private void prepare(TaskGraph g) {
    this.graph = g;
    int n = g.size();
    if (start.length < n) {
      int m = Math.max(n, start.length * 2);
      start = new double[m];
      end = new double[m];
      ready = new double[m];
      pending = new int[m];
      heldBy = new int[m];
      queued = new boolean[m];
    }
    for (int t = 0; t < n; t++) {
      pending[t] = g.predecessorCount(t);
      heldBy[t] = -1;
      queued[t] = false;
    }
    queue.clear();
    Arrays.fill(busy, 0);
    Arrays.fill(waitCount, 0);
    Arrays.fill(waitHead, 0);
  }

  private void becomeReady(int t, double now) {
    ready[t] = now;
    int r = graph.resource(t);
    if (r < 0 || busy[r] < capacity[r]) {
      begin(t, now);
      return;
    }
    int[] ring = waiting[r];
    if (waitCount[r] == ring.length) {
      int[] bigger = new int[ring.length * 2];
      for (int i = 0; i < waitCount[r]; i++) {
        bigger[i] = ring[(waitHead[r] + i) % ring.length];
      }
      waiting[r] = ring = bigger;
      waitHead[r] = 0;
    }
    ring[(waitHead[r] + waitCount[r]) % ring.length] = t;
    waitCount[r]++;
  }

  private void begin(int t, double now) {
    start[t] = now;
    int r = graph.resource(t);
    double d = graph.duration(t);
    if (r >= 0) {
      busy[r]++;
      busySeconds[r] += d;
    }
    queue.push(now + d, t);
  }

  public double start(int task) {
    return start[task];
  }

  public double end(int task) {
    return end[task];
  }

  public double ready(int task) {
    return ready[task];
  }

  /**
   * What held the task back: the task that freed its server when it had to queue (see {@link
   * #queuedForServer}), else the dependency that ended last; -1 for a task that started at 0.
   */
  public int heldBy(int task) {
    return heldBy[task];
  }

  /** Whether the task waited for its server after it was ready. */
  public boolean queuedForServer(int task) {
    return queued[task];
  }

  /** Seconds the server was busy over every run so far (per unit of capacity summed). */
  public double busySeconds(int resource) {
    return busySeconds[resource];
  }

  /** Seconds tasks spent ready but waiting for this server, over every run so far. */
  public double waitSeconds(int resource) {
    return waitSeconds[resource];
  }

  public int resources() {
    return capacity.length;
  }

  /** Events processed over every run so far (one per task). */
  public long events() {
    return events;
  }

  /** Zeroes the busy and waiting totals and the event count. */
  public void resetTotals() {
    Arrays.fill(busySeconds, 0);
    Arrays.fill(waitSeconds, 0);
    events = 0;
  }
}
