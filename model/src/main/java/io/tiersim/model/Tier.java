package io.tiersim.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A place where bytes can live: GPU memory (HBM or GDDR), host DRAM, local NVMe disk, or the flash
 * of computational storage drives.
 */
public enum Tier {
  GPU("gpu"),
  CPU("cpu"),
  DISK("disk"),
  CSD("csd");

  private final String key;

  Tier(String key) {
    this.key = key;
  }

  /** The lowercase name used in files and JSON output. */
  @JsonValue
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return key;
  }
}
