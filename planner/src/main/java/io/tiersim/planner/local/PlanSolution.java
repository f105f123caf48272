package io.tiersim.planner.local;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactProperty;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/** OptaPlanner's view of a plan at one batch size: the batch (a fact), one slot per layer, and the options. */
@PlanningSolution
public class PlanSolution {
  @ProblemFactProperty
  BatchSlot batch;

  @PlanningEntityCollectionProperty
  List<LayerSlot> layers;

  @ValueRangeProvider(id = "options")
  CountableValueRange<Integer> optionRange;

  @PlanningScore
  HardSoftLongScore score;

  PlanSolution() {}

  PlanSolution(ScaledSpace space, int batchIndex) {
    this.batch = new BatchSlot(space, batchIndex);
    this.layers = new java.util.ArrayList<>();
    for (int l = 0; l < space.layers; l++) {
      layers.add(new LayerSlot(l, space));
    }
    this.optionRange = ValueRangeFactory.createIntValueRange(0, space.options);
  }
}
