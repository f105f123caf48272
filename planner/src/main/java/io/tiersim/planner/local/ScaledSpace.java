package io.tiersim.planner.local;

import io.tiersim.planner.space.Budgets;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.OptionTable;
import io.tiersim.planner.space.PlanSpace;
import io.tiersim.planner.space.BudgetDimension;

/**
 * The plan space in whole units for integer scores: bytes, 1e-9 percent of quality, nanoseconds.
 * Uses round up and limits round down, so a plan within every limit here is within every budget
 * of the {@link io.tiersim.planner.space.PlanEvaluator}.
 */
final class ScaledSpace {
  static final double QUALITY_UNITS_PER_PCT = 1e9;
  static final double NS_PER_S = 1e9;
  /** Hard penalty of one whole budget's overflow. */
  static final double PENALTY_PER_BUDGET = 1e6;
  /** Soft score resolution: the objective in millionths of a token per second, or picoseconds per token. */
  static final double SOFT_UNITS = 1e6;
  static final long UNLIMITED = Long.MAX_VALUE / 4;

  final int layers;
  final int options;
  final int[] batchSizes;
  final int[] generateTokens;
  final long[][][][] use;
  final long[][][] overhead;
  final long[][][] prefillNs;
  final long[][][] decodeNs;
  final long[][][] linkNs;
  final long[][] remainderNs;
  final long[] capacity;
  final double[] penaltyScale;
  final long ttftLimitNs;
  final double tpotLimitNs;
  final Objective objective;

  ScaledSpace(PlanSpace space) {
    BudgetDimension[] rs = BudgetDimension.values();
    int batches = space.tables().size();
    layers = space.layers();
    options = space.options();
    objective = space.objective();
    batchSizes = new int[batches];
    generateTokens = new int[batches];
    use = new long[batches][rs.length][layers][options];
    overhead = new long[batches][rs.length][options];
    prefillNs = new long[batches][layers][options];
    decodeNs = new long[batches][layers][options];
    linkNs = new long[batches][layers][options];
    remainderNs = new long[batches][3];
    for (int b = 0; b < batches; b++) {
      OptionTable t = space.table(b);
      batchSizes[b] = t.batchSize();
      generateTokens[b] = t.generateTokens();
      for (BudgetDimension r : rs) {
        for (int o = 0; o < options; o++) {
          overhead[b][r.ordinal()][o] = up(t.overhead(r, o), r);
          for (int l = 0; l < layers; l++) {
            use[b][r.ordinal()][l][o] = up(t.use(r, l, o), r);
          }
        }
      }
      for (int l = 0; l < layers; l++) {
        for (int o = 0; o < options; o++) {
          prefillNs[b][l][o] = ns(t.prefillS(l, o));
          decodeNs[b][l][o] = ns(t.decodeS(l, o));
          linkNs[b][l][o] = ns(t.hostLinkS(l, o));
        }
      }
      remainderNs[b] = new long[] {ns(t.remainder().prefillS()), ns(t.remainder().decodeS()), ns(t.remainder().hostLinkS())};
    }
    Budgets budgets = space.budgets();
    capacity = new long[rs.length];
    penaltyScale = new double[rs.length];
    for (BudgetDimension r : rs) {
      double cap = budgets.of(r);
      capacity[r.ordinal()] = Double.isFinite(cap) ? (long) Math.floor(cap * unitsPer(r)) : UNLIMITED;
      double unit = r.isMemory() ? (double) (1L << 30) : 0.01 * QUALITY_UNITS_PER_PCT;
      penaltyScale[r.ordinal()] = PENALTY_PER_BUDGET / Math.max(unit, capacity[r.ordinal()] == UNLIMITED ? unit : capacity[r.ordinal()]);
    }
    ttftLimitNs = budgets.hasTtftLimit() ? (long) Math.floor(budgets.ttftLimitS() * NS_PER_S) : UNLIMITED;
    tpotLimitNs = budgets.hasTpotLimit() ? budgets.tpotLimitS() * NS_PER_S : Double.POSITIVE_INFINITY;
  }

  private static double unitsPer(BudgetDimension r) {
    return r.isMemory() ? 1 : QUALITY_UNITS_PER_PCT;
  }

  private static long up(double v, BudgetDimension r) {
    return (long) Math.ceil(v * unitsPer(r));
  }

  private static long ns(double s) {
    return (long) Math.ceil(s * NS_PER_S);
  }

  /** Hard penalty of using {@code used} units of a resource. */
  long overflowPenalty(int resource, long used) {
    long over = used - capacity[resource];
    return over <= 0 ? 0 : Math.max(1, (long) Math.ceil(over * penaltyScale[resource]));
  }

  /** Hard penalty of a prefill of {@code layersNs} (plus the remainder) against the TTFT limit; 0 within it. */
  long ttftPenalty(int batch, long layersNs) {
    long over = prefillTotalNs(batch, layersNs) - ttftLimitNs;
    return over <= 0 ? 0 : Math.max(1, (long) Math.ceil(over / (double) ttftLimitNs * PENALTY_PER_BUDGET));
  }

  /** Hard penalty of a decode of these sums against the TPOT limit; 0 within it. */
  long tpotPenalty(int batch, long gpuNs, long linkNs) {
    int g = generateTokens[batch];
    if (g == 0 || Double.isInfinite(tpotLimitNs)) {
      return 0;
    }
    double tpot = decodeNs(batch, gpuNs, linkNs) / (double) g;
    double over = tpot - tpotLimitNs;
    return over <= 0 ? 0 : Math.max(1, (long) Math.ceil(over / tpotLimitNs * PENALTY_PER_BUDGET));
  }

  /** Decode nanoseconds: the slower of the GPU-side sum and the shared host link's sum. */
  long decodeNs(int batch, long gpuSideNs, long linkSideNs) {
    return Math.max(gpuSideNs + remainderNs[batch][1], linkSideNs + remainderNs[batch][2]);
  }

  long prefillTotalNs(int batch, long layersNs) {
    return layersNs + remainderNs[batch][0];
  }

  /** The soft score: higher is better. */
  long objectiveUnits(int batch, long prefillLayersNs, long decodeGpuNs, long decodeLinkNs) {
    double decode = decodeNs(batch, decodeGpuNs, decodeLinkNs) / NS_PER_S;
    if (objective == Objective.THROUGHPUT) {
      double run = prefillTotalNs(batch, prefillLayersNs) / NS_PER_S + decode;
      return Math.round((double) batchSizes[batch] * generateTokens[batch] / run * SOFT_UNITS);
    }
    double tpot = generateTokens[batch] == 0 ? 0 : decode / generateTokens[batch];
    return -Math.round(tpot * 1e12);
  }
}
