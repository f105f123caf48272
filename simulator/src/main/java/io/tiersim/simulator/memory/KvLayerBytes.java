package io.tiersim.simulator.memory;

/**
 * Bytes one sequence's cache occupies in one layer: keys and values (each placed by the layer's
 * policy) and GPU-only side structures (landmarks, the sparse working set).
 */
public record KvLayerBytes(double keyBytes, double valueBytes, double gpuSideBytes) {
  public static final KvLayerBytes ZERO = new KvLayerBytes(0, 0, 0);

  public double total() {
    return keyBytes + valueBytes + gpuSideBytes;
  }
}
