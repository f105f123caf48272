package io.tiersim.planner.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Several layers change at once: one takes a new option and the others are re-fitted so that the
 * plan keeps its budgets ({@link RefitMoveFactory}). Where two budgets bind together (GPU memory and
 * quality), giving one layer a better option can take a chain of changes elsewhere: one layer frees
 * memory at a cost in quality, another gives quality back, and every shorter part of the chain
 * breaks a budget, so neither single changes nor {@link TradeMove}s reach it.
 */
final class RefitMove extends AbstractMove<PlanSolution> {
  private final List<LayerSlot> slots;
  private final int[] options;

  RefitMove(List<LayerSlot> slots, int[] options) {
    this.slots = List.copyOf(slots);
    this.options = options.clone();
  }

  @Override
  public boolean isMoveDoable(ScoreDirector<PlanSolution> scoreDirector) {
    for (int i = 0; i < options.length; i++) {
      if (slots.get(i).option == null || slots.get(i).option != options[i]) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected RefitMove createUndoMove(ScoreDirector<PlanSolution> scoreDirector) {
    int[] now = new int[options.length];
    for (int i = 0; i < now.length; i++) {
      now[i] = slots.get(i).option;
    }
    return new RefitMove(slots, now);
  }

  @Override
  protected void doMoveOnGenuineVariables(ScoreDirector<PlanSolution> scoreDirector) {
    for (int i = 0; i < options.length; i++) {
      LayerSlot slot = slots.get(i);
      scoreDirector.beforeVariableChanged(slot, "option");
      slot.option = options[i];
      scoreDirector.afterVariableChanged(slot, "option");
    }
  }

  @Override
  public RefitMove rebase(ScoreDirector<PlanSolution> destination) {
    List<LayerSlot> rebased = new ArrayList<>();
    for (LayerSlot slot : slots) {
      rebased.add(destination.lookUpWorkingObject(slot));
    }
    return new RefitMove(rebased, options);
  }

  @Override
  public List<LayerSlot> getPlanningEntities() {
    return slots;
  }

  @Override
  public List<Integer> getPlanningValues() {
    return Arrays.stream(options).boxed().toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RefitMove m && m.slots.equals(slots) && Arrays.equals(m.options, options);
  }

  @Override
  public int hashCode() {
    return 31 * slots.stream().mapToInt(s -> s.layer).sum() + Arrays.hashCode(options);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("refit{");
    for (int i = 0; i < options.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(slots.get(i).layer).append("->").append(options[i]);
    }
    return sb.append('}').toString();
  }
}
