package io.tiersim.planner.local;

/**
 * A plan at one batch size with its sums, kept exactly as {@link PlanConstraints} sums them, and the
 * single-layer steps the construction heuristic and {@link RefitMove}s take on it.
 */
final class PlanState {
  private static final int RESOURCES = io.tiersim.planner.space.BudgetDimension.values().length;

  final ScaledSpace space;
  final int b;
  final int[] option;
  final int[] count;
  final long[] sums = new long[RESOURCES];
  long prefill;
  long decode;
  long link;
  /** Per option in use and resource: the largest no-layer part among the options in use were one layer to leave it. */
  final long[][] maxWithout;

  PlanState(ScaledSpace space, int batch) {
    this.space = space;
    this.b = batch;
    this.option = new int[space.layers];
    java.util.Arrays.fill(option, -1);
    this.count = new int[space.options];
    this.maxWithout = new long[space.options][RESOURCES];
  }

  void set(int l, int o) {
    int from = option[l];
    if (from >= 0) {
      count[from]--;
      for (int r = 0; r < RESOURCES; r++) {
        sums[r] -= space.use[b][r][l][from];
      }
      prefill -= space.prefillNs[b][l][from];
      decode -= space.decodeNs[b][l][from];
      link -= space.linkNs[b][l][from];
    }
    option[l] = o;
    count[o]++;
    for (int r = 0; r < RESOURCES; r++) {
      sums[r] += space.use[b][r][l][o];
    }
    prefill += space.prefillNs[b][l][o];
    decode += space.decodeNs[b][l][o];
    link += space.linkNs[b][l][o];
  }

  /** The largest no-layer part of each resource among the options in use, and {@link #maxWithout}. */
  long[] overheads() {
    long[] first = new long[RESOURCES];
    long[] second = new long[RESOURCES];
    int[] firstOption = new int[RESOURCES];
    java.util.Arrays.fill(firstOption, -1);
    for (int o = 0; o < space.options; o++) {
      if (count[o] == 0) {
        continue;
      }
      for (int r = 0; r < RESOURCES; r++) {
        long v = space.overhead[b][r][o];
        if (firstOption[r] < 0 || v > first[r]) {
          second[r] = first[r];
          first[r] = v;
          firstOption[r] = o;
        } else if (v > second[r]) {
          second[r] = v;
        }
      }
    }
    for (int o = 0; o < space.options; o++) {
      for (int r = 0; r < RESOURCES; r++) {
        maxWithout[o][r] = count[o] == 1 && firstOption[r] == o ? second[r] : first[r];
      }
    }
    return first;
  }

  long penalty() {
    return penalty(sums, overheads(), prefill, decode, link);
  }

  /** How far the plan is over each limit, as a share of it (0 within): resources, then prefill, GPU-side and link decode. */
  double[] overflowShares() {
    double[] per = perUnit(space, b);
    long[] overhead = overheads();
    double[] over = new double[RESOURCES + 3];
    for (int r = 0; r < RESOURCES; r++) {
      over[r] = Math.max(0, sums[r] + overhead[r] - space.capacity[r]) * per[r];
    }
    over[RESOURCES] = Math.max(0, space.prefillTotalNs(b, prefill) - space.ttftLimitNs) * per[RESOURCES];
    double limit = Double.isInfinite(space.tpotLimitNs) ? Double.POSITIVE_INFINITY : space.tpotLimitNs * space.generateTokens[b];
    over[RESOURCES + 1] = Math.max(0, decode + space.remainderNs[b][1] - limit) * per[RESOURCES + 1];
    over[RESOURCES + 2] = Math.max(0, link + space.remainderNs[b][2] - limit) * per[RESOURCES + 2];
    return over;
  }

  long penalty(long[] layerSums, long[] overhead, long prefillNs, long decodeNs, long linkNs) {
    long p = 0;
    for (int r = 0; r < RESOURCES; r++) {
      p += space.overflowPenalty(r, layerSums[r] + overhead[r]);
    }
    return p + space.ttftPenalty(b, prefillNs) + space.tpotPenalty(b, decodeNs, linkNs);
  }

  /** The change that cuts the penalty most (then gains most); false when none cuts it. */
  boolean repair() {
    long[] overhead = overheads();
    long current = penalty(sums, overhead, prefill, decode, link);
    long bestPenalty = current;
    long bestValue = Long.MIN_VALUE;
    int bestLayer = -1;
    int bestOption = -1;
    long[] newSums = new long[RESOURCES];
    long[] newOverhead = new long[RESOURCES];
    for (int l = 0; l < space.layers; l++) {
      int from = option[l];
      for (int o = 0; o < space.options; o++) {
        if (o == from) {
          continue;
        }
        fill(l, from, o, newSums, newOverhead);
        long p = penalty(newSums, newOverhead, prefill + dPrefill(l, from, o), decode + dDecode(l, from, o), link + dLink(l, from, o));
        if (p >= current) {
          continue;
        }
        long v = value(l, from, o);
        if (bestLayer < 0 || p < bestPenalty || (p == bestPenalty && v > bestValue)) {
          bestPenalty = p;
          bestValue = v;
          bestLayer = l;
          bestOption = o;
        }
      }
    }
    if (bestLayer < 0) {
      return false;
    }
    set(bestLayer, bestOption);
    return true;
  }

  /**
   * Among the changes that keep every limit and improve the objective, the one with the largest gain
   * per share of the limits it takes; false when there is none.
   */
  boolean improve() {
    long[] overhead = overheads();
    long now = space.objectiveUnits(b, prefill, decode, link);
    double[] per = perUnit(space, b);
    double bestRatio = Double.NEGATIVE_INFINITY;
    long bestGain = 0;
    int bestLayer = -1;
    int bestOption = -1;
    long[] newSums = new long[RESOURCES];
    long[] newOverhead = new long[RESOURCES];
    for (int l = 0; l < space.layers; l++) {
      int from = option[l];
      for (int o = 0; o < space.options; o++) {
        if (o == from) {
          continue;
        }
        long gain = value(l, from, o) - now;
        if (gain <= 0) {
          continue;
        }
        fill(l, from, o, newSums, newOverhead);
        long dp = dPrefill(l, from, o);
        long dd = dDecode(l, from, o);
        long dl = dLink(l, from, o);
        if (penalty(newSums, newOverhead, prefill + dp, decode + dd, link + dl) > 0) {
          continue;
        }
        double cost = 0;
        for (int r = 0; r < RESOURCES; r++) {
          cost += ((newSums[r] + newOverhead[r]) - (sums[r] + overhead[r])) * per[r];
        }
        cost += dp * per[RESOURCES] + dd * per[RESOURCES + 1] + dl * per[RESOURCES + 2];
        double ratio = cost <= 0 ? Double.POSITIVE_INFINITY : gain / cost;
        if (ratio > bestRatio || (ratio == bestRatio && gain > bestGain)) {
          bestRatio = ratio;
          bestGain = gain;
          bestLayer = l;
          bestOption = o;
        }
      }
    }
    if (bestLayer < 0) {
      return false;
    }
    set(bestLayer, bestOption);
    return true;
  }

  private void fill(int l, int from, int to, long[] newSums, long[] newOverhead) {
    for (int r = 0; r < RESOURCES; r++) {
      newSums[r] = sums[r] + space.use[b][r][l][to] - space.use[b][r][l][from];
      newOverhead[r] = Math.max(maxWithout[from][r], space.overhead[b][r][to]);
    }
  }

  private long dPrefill(int l, int from, int to) {
    return space.prefillNs[b][l][to] - space.prefillNs[b][l][from];
  }

  private long dDecode(int l, int from, int to) {
    return space.decodeNs[b][l][to] - space.decodeNs[b][l][from];
  }

  private long dLink(int l, int from, int to) {
    return space.linkNs[b][l][to] - space.linkNs[b][l][from];
  }

  private long value(int l, int from, int to) {
    return space.objectiveUnits(b, prefill + dPrefill(l, from, to), decode + dDecode(l, from, to), link + dLink(l, from, to));
  }

  /** The plan's objective in soft units (higher is better). */
  long value() {
    return space.objectiveUnits(b, prefill, decode, link);
  }

  /**
   * One step of re-fitting a plan that breaks a limit: among {@code layers} (those not {@code
   * frozen}), the change that removes the most hard penalty per unit of objective it gives up
   * (changes that remove penalty and gain come first, the largest removal first). The layer changed
   * is frozen; false when no change removes any penalty.
   */
  boolean refit(boolean[] frozen, int[] layers) {
    long[] overhead = overheads();
    long current = penalty(sums, overhead, prefill, decode, link);
    long now = value();
    // Only a change that lowers a sum over its limit can cut the penalty: the others are skipped unpriced.
    boolean[] over = new boolean[RESOURCES];
    for (int r = 0; r < RESOURCES; r++) {
      over[r] = space.overflowPenalty(r, sums[r] + overhead[r]) > 0;
    }
    boolean prefillOver = space.ttftPenalty(b, prefill) > 0;
    boolean decodeOver = space.tpotPenalty(b, decode, link) > 0;
    double bestKey = Double.NEGATIVE_INFINITY;
    long bestCut = 0;
    int bestLayer = -1;
    int bestOption = -1;
    long[] newSums = new long[RESOURCES];
    long[] newOverhead = new long[RESOURCES];
    for (int l : layers) {
      if (frozen[l]) {
        continue;
      }
      int from = option[l];
      for (int o = 0; o < space.options; o++) {
        if (o == from || !lowersAnOverflow(l, from, o, over, prefillOver, decodeOver)) {
          continue;
        }
        fill(l, from, o, newSums, newOverhead);
        long p = penalty(newSums, newOverhead, prefill + dPrefill(l, from, o), decode + dDecode(l, from, o), link + dLink(l, from, o));
        if (p >= current) {
          continue;
        }
        long cut = current - p;
        long lost = now - value(l, from, o);
        double key = lost <= 0 ? Double.POSITIVE_INFINITY : cut / (double) lost;
        if (key > bestKey || (key == bestKey && cut > bestCut)) {
          bestKey = key;
          bestCut = cut;
          bestLayer = l;
          bestOption = o;
        }
      }
    }
    if (bestLayer < 0) {
      return false;
    }
    set(bestLayer, bestOption);
    frozen[bestLayer] = true;
    return true;
  }

  private boolean lowersAnOverflow(int l, int from, int to, boolean[] over, boolean prefillOver, boolean decodeOver) {
    for (int r = 0; r < RESOURCES; r++) {
      if (over[r] && (space.use[b][r][l][to] < space.use[b][r][l][from] || space.overhead[b][r][to] < space.overhead[b][r][from])) {
        return true;
      }
    }
    return (prefillOver && dPrefill(l, from, to) < 0) || (decodeOver && (dDecode(l, from, to) < 0 || dLink(l, from, to) < 0));
  }

  /** One over each measure's limit (0 without a limit): resources, then prefill, GPU-side and link decode. */
  static double[] perUnit(ScaledSpace space, int batch) {
    double[] per = new double[RESOURCES + 3];
    for (int r = 0; r < RESOURCES; r++) {
      per[r] = space.capacity[r] == ScaledSpace.UNLIMITED ? 0 : 1.0 / Math.max(1, space.capacity[r]);
    }
    per[RESOURCES] = space.ttftLimitNs == ScaledSpace.UNLIMITED ? 0 : 1.0 / Math.max(1, space.ttftLimitNs);
    double decode = Double.isInfinite(space.tpotLimitNs) || space.generateTokens[batch] == 0 ? 0
        : 1.0 / (space.tpotLimitNs * space.generateTokens[batch]);
    per[RESOURCES + 1] = decode;
    per[RESOURCES + 2] = decode;
    return per;
  }
}
