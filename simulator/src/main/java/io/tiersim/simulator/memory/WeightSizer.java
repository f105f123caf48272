package io.tiersim.simulator.memory;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.WeightFormat;

/**
 * Bytes of weights: matrices at the strategy's bits plus an fp16 scale and zero per group when
 * quantised; vectors (norms, biases) stay fp16.
 */
public final class WeightSizer {
  private WeightSizer() {}

  public static double matrixBytes(long parameters, WeightFormat f) {
    if (!f.quantized()) {
      return parameters * KvCacheSizer.FP16_BYTES;
    }
    double groups = Math.ceil((double) parameters / f.groupSize());
    return parameters * f.bits() / 8.0 + groups * KvCacheSizer.GROUP_METADATA_BYTES;
  }

  public static double layerBytes(ModelArchitecture m, int layer, WeightFormat f) {
    return matrixBytes(m.layerMatrixParameterCount(layer), f) + m.layerVectorParameterCount(layer) * KvCacheSizer.FP16_BYTES;
  }

  /** Token embedding, positional embedding, LM head and final norm. */
  public static double embeddingBytes(ModelArchitecture m, WeightFormat f) {
    return matrixBytes(m.embeddingMatrixParameterCount(), f) + m.nonLayerVectorParameterCount() * KvCacheSizer.FP16_BYTES;
  }
}
