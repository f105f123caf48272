package io.tiersim.simulator.cost;

import java.util.List;

/**
 * A part of a layer that streams its own weights: the attention half or the MLP half (FlexGen
 * runs them as separate layers), or the embedding and LM head.
 *
 * @param weights operators that bring this stage's weights to the GPU, once per layer
 * @param perGpuBatch operators of one GPU batch
 */
public record Stage(String name, List<OpCost> weights, List<OpCost> perGpuBatch) {
  public Stage {
    weights = List.copyOf(weights);
    perGpuBatch = List.copyOf(perGpuBatch);
  }
}
