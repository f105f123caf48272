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
  private static final int RESOURCES = io.tiersim.planner.space.BudgetDimension.values().length;
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
    PlanState s = lightest(space, batch);
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
  private static PlanState lightest(ScaledSpace space, int batch) {
    double[][][] shares = shares(space, batch);
    int measures = shares[0][0].length;
    double[] weight = new double[measures];
    java.util.Arrays.fill(weight, 1);
    PlanState best = null;
    long bestPenalty = Long.MAX_VALUE;
    for (int round = 0; round < WEIGHT_ROUNDS; round++) {
      PlanState s = new PlanState(space, batch);
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
    double[] per = PlanState.perUnit(space, batch);
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


}
