package io.tiersim.simulator.serving;

import io.tiersim.model.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bytes per tier and queue lengths over a serving run, at most {@link #MAX_SAMPLES} samples: every
 * iteration at first, then, each time the buffer fills, every other sample is dropped and the
 * interval doubles. Peaks are tracked exactly, at every iteration.
 */
final class MemoryTimeline {
  static final int MAX_SAMPLES = 256;
  private final int tiers = Tier.values().length;
  private double[] time = new double[MAX_SAMPLES];
  private double[][] bytes = new double[MAX_SAMPLES][];
  private int[] running = new int[MAX_SAMPLES];
  private int[] waiting = new int[MAX_SAMPLES];
  private int size;
  private double interval;
  private double next;
  private final double[] peak = new double[tiers];

  /** Offers a sample; returns whether it was kept. */
  boolean offer(double now, double[] tierBytes, int run, int wait) {
    for (int i = 0; i < tiers; i++) {
      peak[i] = Math.max(peak[i], tierBytes[i]);
    }
    if (now < next) {
      return false;
    }
    if (size == MAX_SAMPLES) {
      int k = 0;
      for (int i = 0; i < size; i += 2) {
        time[k] = time[i];
        bytes[k] = bytes[i];
        running[k] = running[i];
        waiting[k] = waiting[i];
        k++;
      }
      size = k;
      interval = interval == 0 ? Math.max(1e-6, (time[size - 1] - time[0]) / size) : interval * 2;
    }
    time[size] = now;
    bytes[size] = tierBytes.clone();
    running[size] = run;
    waiting[size] = wait;
    size++;
    next = now + interval;
    return true;
  }

  double peak(Tier t) {
    return peak[t.ordinal()];
  }

  List<MemorySample> samples() {
    List<MemorySample> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      double[] b = bytes[i];
      out.add(new MemorySample(time[i], Math.round(b[Tier.GPU.ordinal()]), Math.round(b[Tier.CPU.ordinal()]),
          Math.round(b[Tier.DISK.ordinal()]), Math.round(b[Tier.CSD.ordinal()]), running[i], waiting[i]));
    }
    return out;
  }

  @Override
  public String toString() {
    return "timeline " + Arrays.toString(Arrays.copyOf(time, size));
  }
}
