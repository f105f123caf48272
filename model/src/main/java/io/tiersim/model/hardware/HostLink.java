package io.tiersim.model.hardware;

import io.tiersim.model.io.Require;

/**
 * The link between host memory and each GPU (PCIe Gen3/4/5 x16, or NVLink-C2C on Grace Hopper),
 * per GPU and per direction. Values are the spec ceilings unless the source says measured; the
 * latency is the fixed cost of one transfer.
 */
public record HostLink(
    String kind, SourcedValue hostToDeviceGbS, SourcedValue deviceToHostGbS, SourcedValue latencyUs) {

  public HostLink {
    Require.nonBlank(kind, "kind");
    SourcedValue.positive(hostToDeviceGbS, "host_to_device_gb_s");
    SourcedValue.positive(deviceToHostGbS, "device_to_host_gb_s");
    Require.present(latencyUs, "latency_us");
  }

  public double hostToDeviceBytesPerS() {
    return hostToDeviceGbS.times(Units.GB);
  }

  public double deviceToHostBytesPerS() {
    return deviceToHostGbS.times(Units.GB);
  }

  public double latencyS() {
    return latencyUs.times(Units.MICRO);
  }
}
