package io.tiersim.simulator.memory;

/**
 * Bytes of one layer's cache: per sequence, keys and values (each placed by the layer's policy)
 * and GPU-only side structures (scores, landmarks, the sparse working set); and, once per layer
 * whatever the batch, calibration metadata shared by all sequences (KVQuant's lookup tables and
 * offline per-channel scales), kept on the GPU.
 */
public record KvLayerBytes(double keyBytes, double valueBytes, double gpuSideBytes, double sharedBytes) {

  /** Bytes per sequence. */
  public double perSequence() {
    return keyBytes + valueBytes + gpuSideBytes;
  }

  /** Bytes for {@code batch} sequences, shared metadata included once. */
  public double forBatch(long batch) {
    return perSequence() * batch + sharedBytes;
  }
}
