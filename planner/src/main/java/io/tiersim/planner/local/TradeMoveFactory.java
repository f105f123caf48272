package io.tiersim.planner.local;

import io.tiersim.planner.space.BudgetDimension;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Random {@link TradeMove}s: a random layer takes a random other option, and a second random layer
 * takes the option that best restores the budgets (least overflow, then least time), judged on the
 * layers' sums at the current batch size.
 */
public final class TradeMoveFactory implements MoveIteratorFactory<PlanSolution, TradeMove> {
  private static final int RESOURCES = BudgetDimension.values().length;

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    PlanSolution s = scoreDirector.getWorkingSolution();
    long n = s.layers.size();
    long o = s.optionRange.getSize();
    return n * (n - 1) * (o - 1);
  }

  @Override
  public Iterator<TradeMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    throw new UnsupportedOperationException("trade moves are drawn at random only");
  }

  @Override
  public Iterator<TradeMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector, Random random) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return scoreDirector.getWorkingSolution().layers.size() > 1;
      }

      @Override
      public TradeMove next() {
        return draw(scoreDirector.getWorkingSolution(), random);
      }
    };
  }

  private static TradeMove draw(PlanSolution s, Random random) {
    List<LayerSlot> layers = s.layers;
    ScaledSpace space = s.batch.space;
    int options = space.options;
    int batch = s.batch.batchIndex;
    LayerSlot a = layers.get(random.nextInt(layers.size()));
    LayerSlot b = layers.get(random.nextInt(layers.size() - 1));
    if (b == a) {
      b = layers.get(layers.size() - 1);
    }
    int aFrom = a.option == null ? 0 : a.option;
    int aTo = (aFrom + 1 + random.nextInt(options - 1)) % options;
    int bFrom = b.option == null ? 0 : b.option;
    long[] totals = totals(s, batch);
    for (int r = 0; r < RESOURCES; r++) {
      totals[r] += space.use[batch][r][a.layer][aTo] - space.use[batch][r][a.layer][aFrom]
          - space.use[batch][r][b.layer][bFrom];
    }
    int best = bFrom;
    double bestOver = Double.POSITIVE_INFINITY;
    long bestTime = Long.MAX_VALUE;
    for (int o = 0; o < options; o++) {
      double over = 0;
      for (int r = 0; r < RESOURCES; r++) {
        over += space.overflowPenalty(r, totals[r] + space.use[batch][r][b.layer][o]);
      }
      long time = space.prefillNs[batch][b.layer][o] + space.decodeNs[batch][b.layer][o] + space.linkNs[batch][b.layer][o];
      if (over < bestOver || (over == bestOver && time < bestTime)) {
        best = o;
        bestOver = over;
        bestTime = time;
      }
    }
    return new TradeMove(a, aTo, b, best);
  }

  /** Each resource's layer sum plus the largest no-layer part, for the current options. */
  private static long[] totals(PlanSolution s, int batch) {
    ScaledSpace space = s.batch.space;
    long[] totals = new long[RESOURCES];
    long[] overhead = new long[RESOURCES];
    for (LayerSlot l : s.layers) {
      int o = l.option == null ? 0 : l.option;
      for (int r = 0; r < RESOURCES; r++) {
        totals[r] += space.use[batch][r][l.layer][o];
        overhead[r] = Math.max(overhead[r], space.overhead[batch][r][o]);
      }
    }
    for (int r = 0; r < RESOURCES; r++) {
      totals[r] += overhead[r];
    }
    return totals;
  }
}
