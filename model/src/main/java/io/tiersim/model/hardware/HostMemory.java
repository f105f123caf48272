package io.tiersim.model.hardware;

/**
 * The host's DRAM (or Grace's LPDDR5X): capacity and peak bandwidth of all sockets, from the CPU
 * vendor's channel count and speed unless a measured STREAM figure is cited.
 */
public record HostMemory(SourcedValue capacityGib, SourcedValue bandwidthGbS) {

  public HostMemory {
    SourcedValue.positive(capacityGib, "capacity_gib");
    SourcedValue.positive(bandwidthGbS, "bandwidth_gb_s");
  }

  public long capacityBytes() {
    return Math.round(capacityGib.times(Units.GIB));
  }

  public double bandwidthBytesPerS() {
    return bandwidthGbS.times(Units.GB);
  }
}
