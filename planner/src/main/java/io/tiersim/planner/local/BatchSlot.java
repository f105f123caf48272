package io.tiersim.planner.local;

/**
 * The batch size a search runs at, as an index into the plan space's tables: a problem fact, not a
 * planning variable. Every layer's costs and memory depend on it, so the solver searches the layers
 * at one batch size per run and compares batch sizes across runs ({@link LocalSearchSolver}).
 */
public final class BatchSlot {
  final ScaledSpace space;
  final int batchIndex;

  BatchSlot(ScaledSpace space, int batchIndex) {
    this.space = space;
    this.batchIndex = batchIndex;
  }

  int index() {
    return batchIndex;
  }

  @Override
  public String toString() {
    return "batch#" + batchIndex;
  }
}
