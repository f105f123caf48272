package io.tiersim.simulator.event;

import java.util.Arrays;

/**
 * Tasks with durations, the server each holds while it runs, and the tasks each must wait for,
 * on primitive arrays so that a graph of millions of tasks is cheap to build, run and reuse
 * ({@link #clear()} keeps the arrays). A task with {@link #NO_RESOURCE} holds nothing: a barrier
 * or a pure delay.
 */
public final class TaskGraph {
  public static final int NO_RESOURCE = -1;

  private int size;
  private double[] duration = new double[256];
  private int[] resource = new int[256];
  private int[] tag = new int[256];
  private int edges;
  private int[] edgeFrom = new int[512];
  private int[] edgeTo = new int[512];
  private int[] successorStart = new int[0];
  private int[] successors = new int[0];
  private int[] predecessorCount = new int[0];
  private boolean frozen;

  /**
   * Adds a task.
   *
   * @param tag a caller's number carried with the task (an operator's index, say)
   * @return the task's id, counting from 0
   */
  public int add(double seconds, int resourceId, int tag) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("task duration: expected finite and non-negative seconds, got " + seconds);
    }
    if (size == duration.length) {
      int n = size * 2;
      duration = Arrays.copyOf(duration, n);
      resource = Arrays.copyOf(resource, n);
      this.tag = Arrays.copyOf(this.tag, n);
    }
    duration[size] = seconds;
    resource[size] = resourceId;
    this.tag[size] = tag;
    frozen = false;
    return size++;
  }

  /** Task {@code task} may start only after {@code before} has ended. */
  public void dependsOn(int task, int before) {
    if (task < 0 || task >= size || before < 0 || before >= size) {
      throw new IllegalArgumentException("dependency: no task " + (task < 0 || task >= size ? task : before));
    }
    if (edges == edgeFrom.length) {
      edgeFrom = Arrays.copyOf(edgeFrom, edges * 2);
      edgeTo = Arrays.copyOf(edgeTo, edges * 2);
    }
    edgeFrom[edges] = before;
    edgeTo[edges] = task;
    edges++;
    frozen = false;
  }

  /** Forgets every task and dependency, keeping the arrays for the next graph. */
  public void clear() {
    size = 0;
    edges = 0;
    frozen = false;
  }

  public int size() {
    return size;
  }

  public int edgeCount() {
    return edges;
  }

  public double duration(int task) {
    return duration[task];
  }

  public int resource(int task) {
    return resource[task];
  }

  public int tag(int task) {
    return tag[task];
  }

  /** Builds the successor lists (compressed rows); called by the engine before a run. */
  void freeze() {
    if (frozen) {
      return;
    }
    if (successorStart.length < size + 1) {
      successorStart = new int[Math.max(size + 1, successorStart.length * 2)];
      predecessorCount = new int[successorStart.length];
    }
    Arrays.fill(successorStart, 0, size + 1, 0);
    Arrays.fill(predecessorCount, 0, size, 0);
    for (int e = 0; e < edges; e++) {
      successorStart[edgeFrom[e] + 1]++;
      predecessorCount[edgeTo[e]]++;
    }
    for (int i = 0; i < size; i++) {
      successorStart[i + 1] += successorStart[i];
    }
    if (successors.length < edges) {
      successors = new int[Math.max(edges, successors.length * 2)];
    }
    int[] fill = Arrays.copyOf(successorStart, size);
    for (int e = 0; e < edges; e++) {
      successors[fill[edgeFrom[e]]++] = edgeTo[e];
    }
    frozen = true;
  }

  int successorStart(int task) {
    return successorStart[task];
  }

  int successorEnd(int task) {
    return successorStart[task + 1];
  }

  int successor(int index) {
    return successors[index];
  }

  int predecessorCount(int task) {
    return predecessorCount[task];
  }
}
