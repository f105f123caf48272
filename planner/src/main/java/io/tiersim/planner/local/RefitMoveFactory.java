package io.tiersim.planner.local;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.selector.move.factory.MoveIteratorFactory;

/**
 * Random {@link RefitMove}s: a random layer takes a random other option; then, while the plan breaks
 * a budget, at most {@link #MAX_REFITS} times, the change among {@link #SAMPLE} other random layers
 * that removes the most penalty per unit of objective given up is made ({@link PlanState#refit}),
 * judged on exact sums at the search's batch size. A move still over a budget is left for late
 * acceptance to refuse. A draw costs tens of score calculations' time, so the search draws these
 * rarely ({@link LocalSearchSolver#REFIT_WEIGHT}).
 */
public final class RefitMoveFactory implements MoveIteratorFactory<PlanSolution, RefitMove> {
  /**
   * Layers re-fitted after the first change, at most: one layer's new option may need the quality
   * budget that many others give back (in the bundled 70B/128K plan, DuoAttention on one layer is
   * paid for by about ten layers moving from KIVI-2 to KIVI-4), a chain four re-fits cannot walk.
   */
  static final int MAX_REFITS = 16;
  /** Layers each re-fitting step chooses among. */
  static final int SAMPLE = 16;

  @Override
  public long getSize(ScoreDirector<PlanSolution> scoreDirector) {
    PlanSolution s = scoreDirector.getWorkingSolution();
    return (long) s.layers.size() * (s.optionRange.getSize() - 1);
  }

  @Override
  public Iterator<RefitMove> createOriginalMoveIterator(ScoreDirector<PlanSolution> scoreDirector) {
    throw new UnsupportedOperationException("refit moves are drawn at random only");
  }

  @Override
  public Iterator<RefitMove> createRandomMoveIterator(ScoreDirector<PlanSolution> scoreDirector, Random random) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        PlanSolution s = scoreDirector.getWorkingSolution();
        return !s.layers.isEmpty() && s.optionRange.getSize() > 1;
      }

      @Override
      public RefitMove next() {
        return draw(scoreDirector.getWorkingSolution(), random);
      }
    };
  }

  static RefitMove draw(PlanSolution s, Random random) {
    ScaledSpace space = s.batch.space;
    PlanState state = new PlanState(space, s.batch.index());
    for (LayerSlot l : s.layers) {
      state.set(l.layer, l.option == null ? 0 : l.option);
    }
    int[] before = state.option.clone();
    int a = random.nextInt(space.layers);
    state.set(a, (before[a] + 1 + random.nextInt(space.options - 1)) % space.options);
    boolean[] frozen = new boolean[space.layers];
    frozen[a] = true;
    int[] order = new int[space.layers];
    for (int l = 0; l < order.length; l++) {
      order[l] = l;
    }
    for (int k = 0; k < MAX_REFITS && state.penalty() > 0; k++) {
      if (!state.refit(frozen, sample(order, frozen, random))) {
        break;
      }
    }
    List<LayerSlot> slots = new ArrayList<>();
    List<Integer> options = new ArrayList<>();
    for (LayerSlot l : s.layers) {
      if (state.option[l.layer] != before[l.layer]) {
        slots.add(l);
        options.add(state.option[l.layer]);
      }
    }
    return new RefitMove(slots, options.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Up to {@link #SAMPLE} distinct random layers not frozen (a partial shuffle of {@code order}). */
  private static int[] sample(int[] order, boolean[] frozen, Random random) {
    int[] picked = new int[SAMPLE];
    int n = 0;
    for (int i = 0; i < order.length && n < SAMPLE; i++) {
      int j = i + random.nextInt(order.length - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      if (!frozen[order[i]]) {
        picked[n++] = order[i];
      }
    }
    return java.util.Arrays.copyOf(picked, n);
  }
}
