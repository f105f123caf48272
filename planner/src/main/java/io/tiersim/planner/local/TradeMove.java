package io.tiersim.planner.local;

import java.util.List;
import java.util.Objects;
import org.optaplanner.core.api.score.director.ScoreDirector;
import org.optaplanner.core.impl.heuristic.move.AbstractMove;

/**
 * Two layers change at once: one takes a new option and another a compensating one, so a budget
 * freed in one layer is spent in another in a single step. Single changes cannot do this across a
 * tight budget: the first half of the trade is infeasible or worse, and late acceptance stalls
 * about 1 % above the optimum.
 */
final class TradeMove extends AbstractMove<PlanSolution> {
  private final LayerSlot first;
  private final int firstOption;
  private final LayerSlot second;
  private final int secondOption;

  TradeMove(LayerSlot first, int firstOption, LayerSlot second, int secondOption) {
    this.first = first;
    this.firstOption = firstOption;
    this.second = second;
    this.secondOption = secondOption;
  }

  @Override
  public boolean isMoveDoable(ScoreDirector<PlanSolution> scoreDirector) {
    return first != second && (first.option != firstOption || second.option != secondOption);
  }

  @Override
  protected TradeMove createUndoMove(ScoreDirector<PlanSolution> scoreDirector) {
    return new TradeMove(first, first.option, second, second.option);
  }

  @Override
  protected void doMoveOnGenuineVariables(ScoreDirector<PlanSolution> scoreDirector) {
    set(scoreDirector, first, firstOption);
    set(scoreDirector, second, secondOption);
  }

  private static void set(ScoreDirector<PlanSolution> sd, LayerSlot slot, int option) {
    sd.beforeVariableChanged(slot, "option");
    slot.option = option;
    sd.afterVariableChanged(slot, "option");
  }

  @Override
  public TradeMove rebase(ScoreDirector<PlanSolution> destination) {
    return new TradeMove(destination.lookUpWorkingObject(first), firstOption, destination.lookUpWorkingObject(second),
        secondOption);
  }

  @Override
  public List<LayerSlot> getPlanningEntities() {
    return List.of(first, second);
  }

  @Override
  public List<Integer> getPlanningValues() {
    return List.of(firstOption, secondOption);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TradeMove m && m.first == first && m.second == second && m.firstOption == firstOption
        && m.secondOption == secondOption;
  }

  @Override
  public int hashCode() {
    return Objects.hash(first.layer, firstOption, second.layer, secondOption);
  }

  @Override
  public String toString() {
    return "trade{" + first.layer + "->" + firstOption + ", " + second.layer + "->" + secondOption + "}";
  }
}
