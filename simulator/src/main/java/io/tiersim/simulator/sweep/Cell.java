package io.tiersim.simulator.sweep;

import io.tiersim.model.scenario.Workload;

/**
 * One evaluation of the grid: a variant on a model and system with one workload. Its request-rate
 * points share it, since demand changes only what is derived from the times.
 *
 * @param index position among all cells, in grid order
 * @param variantIndex position of the variant in its block
 */
public record Cell(long index, SweepPlan.Block block, int variantIndex, int generateTokens, int promptTokens,
    int batchSize, Integer prefillChunkTokens) {

  public Variant variant() {
    return block.variants().get(variantIndex);
  }

  public int contextTokens() {
    return promptTokens + generateTokens;
  }

  public Workload workload() {
    return new Workload(batchSize, promptTokens, generateTokens, prefillChunkTokens);
  }
}
