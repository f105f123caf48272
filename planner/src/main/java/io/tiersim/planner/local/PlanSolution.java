package io.tiersim.planner.local;

import java.util.List;
import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningEntityProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.valuerange.CountableValueRange;
import org.optaplanner.core.api.domain.valuerange.ValueRangeFactory;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;

/** OptaPlanner's view of a plan: the batch slot, one slot per layer, and their value ranges. */
@PlanningSolution
public class PlanSolution {
  @PlanningEntityProperty
  BatchSlot batch;

  @PlanningEntityCollectionProperty
  List<LayerSlot> layers;

  @ValueRangeProvider(id = "options")
  CountableValueRange<Integer> optionRange;

  @ValueRangeProvider(id = "batches")
  CountableValueRange<Integer> batchRange;

  @PlanningScore
  HardSoftLongScore score;

  PlanSolution() {}

  PlanSolution(ScaledSpace space) {
    this.batch = new BatchSlot(space);
    this.layers = new java.util.ArrayList<>();
    for (int l = 0; l < space.layers; l++) {
      layers.add(new LayerSlot(l, space));
    }
    this.optionRange = ValueRangeFactory.createIntValueRange(0, space.options);
    this.batchRange = ValueRangeFactory.createIntValueRange(0, space.batchSizes.length);
  }
}
