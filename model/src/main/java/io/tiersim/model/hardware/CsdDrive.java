package io.tiersim.model.hardware;

import io.tiersim.model.io.Require;

/**
 * One computational storage drive, modelled on the Samsung SmartSSD: flash behind an FPGA that
 * computes near the data with its own DRAM. Internal flash bandwidth is what in-storage compute
 * sees; the peer-to-peer and host links are what leaves the drive.
 */
public record CsdDrive(
    String name,
    SourcedValue capacityTb,
    SourcedValue flashReadGbS,
    SourcedValue flashWriteGbS,
    SourcedValue computeTflops,
    SourcedValue dramGib,
    SourcedValue peerToPeerGbS,
    SourcedValue hostLinkGbS) {

  public CsdDrive {
    Require.nonBlank(name, "name");
    SourcedValue.positive(capacityTb, "capacity_tb");
    SourcedValue.positive(flashReadGbS, "flash_read_gb_s");
    SourcedValue.positive(flashWriteGbS, "flash_write_gb_s");
    SourcedValue.positive(computeTflops, "compute_tflops");
    SourcedValue.positive(dramGib, "dram_gib");
    SourcedValue.positive(peerToPeerGbS, "peer_to_peer_gb_s");
    SourcedValue.positive(hostLinkGbS, "host_link_gb_s");
  }

  public long capacityBytes() {
    return Math.round(capacityTb.times(Units.TB));
  }

  public double flashReadBytesPerS() {
    return flashReadGbS.times(Units.GB);
  }

  public double flashWriteBytesPerS() {
    return flashWriteGbS.times(Units.GB);
  }

  public double computeFlopsPerS() {
    return computeTflops.times(Units.TERA);
  }

  public long dramBytes() {
    return Math.round(dramGib.times(Units.GIB));
  }

  /** GPU to or from the drive without staging in host memory. */
  public double peerToPeerBytesPerS() {
    return peerToPeerGbS.times(Units.GB);
  }

  public double hostLinkBytesPerS() {
    return hostLinkGbS.times(Units.GB);
  }
}
