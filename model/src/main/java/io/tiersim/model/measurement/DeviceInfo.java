package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;

/**
 * The GPU a file was measured on, as torch and nvidia-smi report it; null fields were not
 * available (no nvidia-smi, a CPU smoke run). Clocks are read at the start of the run.
 *
 * @param memoryTotalBytes torch's total_memory: the usable HBM, a little under the marketed size
 */
public record DeviceInfo(
    String name,
    Integer index,
    String computeCapability,
    Long memoryTotalBytes,
    Integer smCount,
    Long l2CacheBytes,
    String driverVersion,
    Clocks clocksMhz,
    Double powerLimitW,
    Pcie pcie) {

  public DeviceInfo {
    Require.nonBlank(name, "name");
    if (memoryTotalBytes != null) {
      Require.positive(memoryTotalBytes, "memory_total_bytes");
    }
  }

  /** Current and maximum SM and memory clocks, MHz. */
  public record Clocks(Integer sm, Integer memory, Integer smMax, Integer memoryMax) {}

  /** The host link as negotiated at the time of the run. */
  public record Pcie(Integer generation, Integer width) {}
}
