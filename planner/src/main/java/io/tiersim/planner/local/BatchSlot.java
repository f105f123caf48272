package io.tiersim.planner.local;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/** The batch size decision, as an index into the plan space's tables. */
@PlanningEntity
public class BatchSlot {
  ScaledSpace space;

  @PlanningVariable(valueRangeProviderRefs = "batches")
  Integer batchIndex;

  BatchSlot() {}

  BatchSlot(ScaledSpace space) {
    this.space = space;
  }

  int index() {
    return batchIndex;
  }

  @Override
  public String toString() {
    return "batch#" + batchIndex;
  }
}
