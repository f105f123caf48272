package io.tiersim.simulator.event;

import java.util.Arrays;

/**
 * A min-heap of timed events on primitive arrays: each event is a time and an int payload, and
 * events at the same time leave in the order they were pushed, so a run is deterministic. No
 * allocation per event once the arrays have grown.
 */
public final class EventQueue {
  private double[] times = new double[64];
  private long[] order = new long[64];
  private int[] payloads = new int[64];
  private int size;
  private long pushed;
  private double lastTime;

  public void push(double time, int payload) {
    if (size == times.length) {
      int n = size * 2;
      times = Arrays.copyOf(times, n);
      order = Arrays.copyOf(order, n);
      payloads = Arrays.copyOf(payloads, n);
    }
    int i = size++;
    long seq = pushed++;
    // Sift up.
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(time, seq, times[parent], order[parent])) {
        break;
      }
      times[i] = times[parent];
      order[i] = order[parent];
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = time;
    order[i] = seq;
    payloads[i] = payload;
  }

  /** Removes the earliest event and returns its payload; {@link #lastTime()} is then its time. */
  public int pop() {
    if (size == 0) {
      throw new IllegalStateException("pop from an empty event queue");
    }
    int top = payloads[0];
    lastTime = times[0];
    int n = --size;
    if (n > 0) {
      double t = times[n];
      long s = order[n];
      int p = payloads[n];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= n) {
          break;
        }
        if (child + 1 < n && before(times[child + 1], order[child + 1], times[child], order[child])) {
          child++;
        }
        if (!before(times[child], order[child], t, s)) {
          break;
        }
        times[i] = times[child];
        order[i] = order[child];
        payloads[i] = payloads[child];
        i = child;
      }
      times[i] = t;
      order[i] = s;
      payloads[i] = p;
    }
    return top;
  }

  private static boolean before(double t1, long s1, double t2, long s2) {
    return t1 < t2 || (t1 == t2 && s1 < s2);
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  /** Time of the event last popped. */
  public double lastTime() {
    return lastTime;
  }

  /** Time of the earliest event, without removing it. */
  public double peekTime() {
    if (size == 0) {
      throw new IllegalStateException("peek at an empty event queue");
    }
    return times[0];
  }

  public void clear() {
    size = 0;
    pushed = 0;
    lastTime = 0;
  }
}
