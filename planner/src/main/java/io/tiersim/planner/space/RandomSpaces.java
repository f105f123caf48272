package io.tiersim.planner.space;

import io.tiersim.planner.cost.RunCost;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random separable plan spaces for tests and benchmarks (the exact solver is their oracle), shaped
 * like real ones: each option has a speed, a memory size and a
 * quality loss that trade against each other (faster options use less memory and lose more
 * quality), each layer scales them by its own factors, and budgets cut into the middle of the range.
 */
public final class RandomSpaces {
  private RandomSpaces() {}

  public static PlanSpace separable(long seed, int layers, int options) {
    Random rnd = new Random(seed);
    double[] speed = new double[options];
    double[] bytes = new double[options];
    double[] loss = new double[options];
    for (int o = 0; o < options; o++) {
      double compression = rnd.nextDouble();
      speed[o] = 1 - 0.7 * compression + 0.15 * rnd.nextDouble();
      bytes[o] = (1 - 0.8 * compression + 0.2 * rnd.nextDouble()) * 1e9;
      loss[o] = compression * compression * 3 * (0.5 + rnd.nextDouble());
    }
    BudgetDimension[] rs = BudgetDimension.values();
    double[][] prefill = new double[layers][options];
    double[][] decode = new double[layers][options];
    double[][] link = new double[layers][options];
    double[][][] use = new double[rs.length][layers][options];
    double[][] overhead = new double[rs.length][options];
    double minMem = 0;
    double maxMem = 0;
    double minQ = 0;
    double maxQ = 0;
    for (int l = 0; l < layers; l++) {
      double sens = 0.5 + rnd.nextDouble() * (l < 3 ? 4 : 1);
      double size = 0.8 + 0.4 * rnd.nextDouble();
      double lmin = Double.MAX_VALUE;
      double lmax = 0;
      double qmin = Double.MAX_VALUE;
      double qmax = 0;
      for (int o = 0; o < options; o++) {
        decode[l][o] = speed[o] * size * (0.95 + 0.1 * rnd.nextDouble());
        prefill[l][o] = 0.05 * size;
        double m = bytes[o] * size * (0.95 + 0.1 * rnd.nextDouble());
        use[BudgetDimension.GPU_PREFILL.ordinal()][l][o] = m;
        use[BudgetDimension.GPU_DECODE.ordinal()][l][o] = m;
        double q = loss[o] * sens / layers;
        use[BudgetDimension.QUALITY.ordinal()][l][o] = q;
        lmin = Math.min(lmin, m);
        lmax = Math.max(lmax, m);
        qmin = Math.min(qmin, q);
        qmax = Math.max(qmax, q);
      }
      minMem += lmin;
      maxMem += lmax;
      minQ += qmin;
      maxQ += qmax;
    }
    Map<BudgetDimension, Double> cap = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension r : rs) {
      cap.put(r, Double.POSITIVE_INFINITY);
    }
    double gpu = minMem + (0.3 + 0.4 * rnd.nextDouble()) * (maxMem - minMem);
    cap.put(BudgetDimension.GPU_PREFILL, gpu);
    cap.put(BudgetDimension.GPU_DECODE, gpu);
    cap.put(BudgetDimension.QUALITY, minQ + (0.2 + 0.4 * rnd.nextDouble()) * (maxQ - minQ));
    OptionTable t = new OptionTable(1, 100, prefill, decode, link, use, overhead, RunCost.NONE);
    List<String> names = new ArrayList<>();
    for (int o = 0; o < options; o++) {
      names.add("option-" + o);
    }
    return new PlanSpace(List.of(t), names, new Budgets(cap, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY),
        Objective.THROUGHPUT);
  }

  /**
   * A random separable space over several batch sizes, shaped like serving a long context: each
   * option stores weights at one of two precisions and compresses the KV by its own factor (more
   * compression, more quality loss); at batch size B a layer holds its weights plus B sequences of
   * KV, prefill is compute-bound (B times a fixed time), and every decode step reads the weights
   * once and the B sequences' KV. Larger batches amortise the weights, so throughput grows with B
   * until the memory budget forces compression that the quality budget cannot pay for: the best
   * batch size lies inside the range, and a plan tuned at one batch size is far from feasible at the
   * next.
   */
  public static PlanSpace batched(long seed, int layers, int options, int... batchSizes) {
    Random rnd = new Random(seed);
    double[] weights = new double[options];
    double[] kv = new double[options];
    double[] loss = new double[options];
    for (int o = 0; o < options; o++) {
      boolean narrow = o % 2 == 1;
      double compression = o < 2 ? 0 : rnd.nextDouble();
      weights[o] = narrow ? 0.5 : 1.0;
      kv[o] = 1 - 0.85 * compression;
      loss[o] = (narrow ? 0.3 : 0) + compression * compression * 3 * (0.5 + rnd.nextDouble());
    }
    double[] size = new double[layers];
    double[] sens = new double[layers];
    for (int l = 0; l < layers; l++) {
      size[l] = 0.9 + 0.2 * rnd.nextDouble();
      sens[l] = 0.5 + rnd.nextDouble() * (l < 3 ? 4 : 1);
    }
    // Per layer and sequence: 1 GB of weights at full precision against 0.25 GB of uncompressed KV.
    double weightBytes = 1e9;
    double kvBytes = 0.25e9;
    double bytesPerS = 3e12;
    int generate = 100;
    double prefillPerSeqS = 0.02;
    BudgetDimension[] rs = BudgetDimension.values();
    List<OptionTable> tables = new ArrayList<>();
    double lightest = 0;
    double maxQ = 0;
    double minQ = 0;
    for (int l = 0; l < layers; l++) {
      double qmin = Double.MAX_VALUE;
      double qmax = 0;
      for (int o = 0; o < options; o++) {
        qmin = Math.min(qmin, loss[o] * sens[l] / layers);
        qmax = Math.max(qmax, loss[o] * sens[l] / layers);
      }
      minQ += qmin;
      maxQ += qmax;
    }
    for (int b : batchSizes) {
      double[][] prefill = new double[layers][options];
      double[][] decode = new double[layers][options];
      double[][] link = new double[layers][options];
      double[][][] use = new double[rs.length][layers][options];
      double[][] overhead = new double[rs.length][options];
      for (int l = 0; l < layers; l++) {
        for (int o = 0; o < options; o++) {
          double bytes = (weights[o] * weightBytes + b * kv[o] * kvBytes) * size[l] * (0.97 + 0.06 * rnd.nextDouble());
          prefill[l][o] = b * prefillPerSeqS * size[l];
          decode[l][o] = generate * bytes / bytesPerS;
          use[BudgetDimension.GPU_PREFILL.ordinal()][l][o] = bytes;
          use[BudgetDimension.GPU_DECODE.ordinal()][l][o] = bytes;
          use[BudgetDimension.QUALITY.ordinal()][l][o] = loss[o] * sens[l] / layers;
        }
      }
      for (int o = 0; o < options; o++) {
        overhead[BudgetDimension.GPU_PREFILL.ordinal()][o] = b * 0.05 * weightBytes;
      }
      tables.add(new OptionTable(b, generate, prefill, decode, link, use, overhead, RunCost.NONE));
    }
    // The budget fits uncompressed KV at about the middle batch size.
    int mid = batchSizes[batchSizes.length / 2];
    lightest = layers * (0.5 * weightBytes + mid * kvBytes * (0.6 + 0.4 * rnd.nextDouble()));
    Map<BudgetDimension, Double> cap = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension r : rs) {
      cap.put(r, Double.POSITIVE_INFINITY);
    }
    cap.put(BudgetDimension.GPU_PREFILL, lightest);
    cap.put(BudgetDimension.GPU_DECODE, lightest);
    cap.put(BudgetDimension.QUALITY, minQ + (0.1 + 0.3 * rnd.nextDouble()) * (maxQ - minQ));
    List<String> names = new ArrayList<>();
    for (int o = 0; o < options; o++) {
      names.add("option-" + o);
    }
    return new PlanSpace(tables, names, new Budgets(cap, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY), Objective.THROUGHPUT);
  }

  /** The same space with one budget replaced. */
  public static PlanSpace withBudget(PlanSpace space, BudgetDimension r, double value) {
    return new PlanSpace(space.tables(), space.optionNames(), space.budgets().with(r, value), space.objective());
  }

  /** The least sum of a resource over layers (each layer at its lightest option) at the first batch size. */
  public static double leastSum(PlanSpace space, BudgetDimension r) {
    double sum = 0;
    for (int l = 0; l < space.layers(); l++) {
      double m = Double.MAX_VALUE;
      for (int o = 0; o < space.options(); o++) {
        m = Math.min(m, space.table(0).use(r, l, o));
      }
      sum += m;
    }
    return sum;
  }
}
