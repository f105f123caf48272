package io.tiersim.planner.local;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PlanningVariable;

/** One layer's decision: which option it takes. */
@PlanningEntity
public class LayerSlot {
  @PlanningId
  Integer layer;

  ScaledSpace space;

  @PlanningVariable(valueRangeProviderRefs = "options")
  Integer option;

  LayerSlot() {}

  LayerSlot(int layer, ScaledSpace space) {
    this.layer = layer;
    this.space = space;
  }

  long use(BatchSlot b, int resource) {
    return space.use[b.index()][resource][layer][option];
  }

  long overhead(BatchSlot b, int resource) {
    return space.overhead[b.index()][resource][option];
  }

  long prefillNs(BatchSlot b) {
    return space.prefillNs[b.index()][layer][option];
  }

  long decodeNs(BatchSlot b) {
    return space.decodeNs[b.index()][layer][option];
  }

  long linkNs(BatchSlot b) {
    return space.linkNs[b.index()][layer][option];
  }

  @Override
  public String toString() {
    return "layer " + layer + " -> " + option;
  }
}
