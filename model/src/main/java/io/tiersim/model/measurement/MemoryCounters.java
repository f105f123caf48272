package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;

/**
 * Peak GPU memory of one setting as PyTorch counts it (tensors only, from a reset with the
 * weights resident; see the file's {@code memory_counters} text), plus the device-wide use at the
 * end of the setting, which includes the CUDA context.
 */
public record MemoryCounters(Long maxAllocatedBytes, Long maxReservedBytes, Long deviceUsedBytes, Long kvCacheBytes) {
  public MemoryCounters {
    Require.positive(Require.present(maxAllocatedBytes, "max_allocated_bytes").longValue(), "max_allocated_bytes");
    Require.positive(Require.present(maxReservedBytes, "max_reserved_bytes").longValue(), "max_reserved_bytes");
    if (maxReservedBytes < maxAllocatedBytes) {
      throw new IllegalArgumentException("max_reserved_bytes: the allocator reserves at least what it allocates, got "
          + maxReservedBytes + " < " + maxAllocatedBytes);
    }
  }
}
