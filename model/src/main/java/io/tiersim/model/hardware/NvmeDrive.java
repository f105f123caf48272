package io.tiersim.model.hardware;

import io.tiersim.model.io.Require;

/**
 * One local NVMe SSD: decimal capacity as sold, sequential read and write bandwidth from the vendor
 * listing or a measurement, and the latency of one small read.
 */
public record NvmeDrive(
    String name, SourcedValue capacityTb, SourcedValue readGbS, SourcedValue writeGbS, SourcedValue latencyUs) {

  public NvmeDrive {
    Require.nonBlank(name, "name");
    SourcedValue.positive(capacityTb, "capacity_tb");
    SourcedValue.positive(readGbS, "read_gb_s");
    SourcedValue.positive(writeGbS, "write_gb_s");
    Require.present(latencyUs, "latency_us");
  }

  public long capacityBytes() {
    return Math.round(capacityTb.times(Units.TB));
  }

  public double readBytesPerS() {
    return readGbS.times(Units.GB);
  }

  public double writeBytesPerS() {
    return writeGbS.times(Units.GB);
  }

  public double latencyS() {
    return latencyUs.times(Units.MICRO);
  }
}
