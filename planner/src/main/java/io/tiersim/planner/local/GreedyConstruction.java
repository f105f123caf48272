package io.tiersim.planner.local;

import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.phase.custom.CustomPhaseCommand;

/**
 * The local search's own construction heuristic, at the batch size of the working solution: a
 * greedy for the multiple-choice knapsack. Every layer starts at its lightest option: the least
 * weighted use of the limits, each use as a share of its limit, the weights raised on the limits the
 * plan breaks until it keeps them all (surrogate weights, as for multi-dimensional knapsacks). While
 * the plan still breaks a limit, the single change of one layer that cuts the hard penalty most is
 * made; then, while some change keeps every limit and improves the objective, the one with the
 * largest gain per share of the limits it takes (a change that frees room as it gains comes first).
 * Sums, limits and penalties are those of {@link PlanConstraints}, so a plan this accepts is feasible
 * there.
 *
 * <p>A first fit in layer order (OptaPlanner's queued placer) does not see the layers still to come:
 * it spends the budgets on the first layers and, at large batch sizes, ends far over them, so short
 * searches ranked batch sizes by how far they had got with the repair, not by what they could reach.
 */
public final class GreedyConstruction implements CustomPhaseCommand<PlanSolution> {
  private static final int RESOURCES = io.tiersim.planner.space.Resource.values().length;
  /** Rounds of re-weighting the limits in search of a light plan within all of them. */
  static final int WEIGHT_ROUNDS = 40;

  @Override
  public void changeWorkingSolution(ScoreDirector<PlanSolution> scoreDirector) {
    PlanSolution s = scoreDirector.getWorkingSolution();
    if (s.layers.stream().allMatch(l -> l.option != null)) {
      return;
    }
    int[] chosen = plan(s.batch.space, s.batch.index());
    for (LayerSlot l : s.layers) {
      scoreDirector.beforeVariableChanged(l, "option");
      l.option = chosen[l.layer];
      scoreDirector.afterVariableChanged(l, "option");
    }
    scoreDirector.triggerVariableListeners();
  }

  /** The greedy's plan at one batch size: an option per layer. */
  static int[] plan(ScaledSpace space, int batch) {
    State s = lightest(space, batch);
    // Bounded, though each step strictly improves the penalty or the objective and so cannot cycle.
    int steps = 64 * space.layers * Math.max(1, space.options);
    while (s.penalty() > 0 && steps-- > 0) {
      if (!s.repair()) {
        break;
      }
    }
    while (s.penalty() == 0 && steps-- > 0) {
      if (!s.improve()) {
        break;
      }
    }
    return s.option.clone();
  }

  /**
   * A light plan: each layer takes the option with the least weighted use of the limits, each use
   * as a share of its limit. The weights start equal; a limit the plan breaks weighs more in the
   * next round (by a step that shrinks over the rounds), so the plan moves towards one within every
   * limit; the first within them all, else the one with the least penalty, is kept.
   */
  private static State lightest(ScaledSpace space, int batch) {
    double[][][] shares = shares(space, batch);
    int measures = shares[0][0].length;
    double[] weight = new double[measures];
    java.util.Arrays.fill(weight, 1);
    State best = null;
    long bestPenalty = Long.MAX_VALUE;
    for (int round = 0; round < WEIGHT_ROUNDS; round++) {
      State s = new State(space, batch);
      for (int l = 0; l < space.layers; l++) {
        s.set(l, lightest(space, batch, l, shares[l], weight));
      }
      long penalty = s.penalty();
      if (penalty < bestPenalty) {
        best = s;
        bestPenalty = penalty;
      }
      if (penalty == 0) {
        break;
      }
      double[] over = s.overflowShares();
      for (int m = 0; m < measures; m++) {
        weight[m] *= 1 + Math.min(1, over[m]) * 4 / (1 + round / 8.0);
      }
    }
    return best;
  }

  /** The option of a layer with the least weighted use of the limits; ties to the faster. */
  private static int lightest(ScaledSpace space, int batch, int layer, double[][] shares, double[] weight) {
    int best = 0;
    double bestShare = Double.POSITIVE_INFINITY;
    long bestTime = Long.MAX_VALUE;
    for (int o = 0; o < space.options; o++) {
      double share = 0;
      for (int m = 0; m < weight.length; m++) {
        share += weight[m] * shares[o][m];
      }
      long time = space.prefillNs[batch][layer][o] + space.decodeNs[batch][layer][o];
      if (share < bestShare || (share == bestShare && time < bestTime)) {
        best = o;
        bestShare = share;
        bestTime = time;
      }
    }
    return best;
  }

  /**
   * {@code [layer][option][measure]}: each limited resource's use, then prefill, GPU-side decode and
   * link decode, as shares of their limits (0 where there is no limit).
   */
  private static double[][][] shares(ScaledSpace space, int batch) {
    double[] per = perUnit(space, batch);
    double[][][] shares = new double[space.layers][space.options][RESOURCES + 3];
    for (int l = 0; l < space.layers; l++) {
      for (int o = 0; o < space.options; o++) {
        for (int r = 0; r < RESOURCES; r++) {
          shares[l][o][r] = space.use[batch][r][l][o] * per[r];
        }
        shares[l][o][RESOURCES] = space.prefillNs[batch][l][o] * per[RESOURCES];
        shares[l][o][RESOURCES + 1] = space.decodeNs[batch][l][o] * per[RESOURCES + 1];
        shares[l][o][RESOURCES + 2] = space.linkNs[batch][l][o] * per[RESOURCES + 2];
      }
    }
    return shares;
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

  /** A plan under construction with its sums, kept exactly as the constraints sum them. */
  private static final class State {
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

    State(ScaledSpace space, int batch) {
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
  }
}
