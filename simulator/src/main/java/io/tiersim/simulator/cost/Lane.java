package io.tiersim.simulator.cost;

/**
 * Something that runs one operator at a time and runs concurrently with the other lanes: the GPU's
 * compute stream, each direction of the host link (PCIe is full duplex, one copy engine each), the
 * host CPU with its memory, the local drives, and the computational storage drives with their
 * peer-to-peer path. With overlap, a layer takes as long as its busiest lane; without, the sum.
 * {@link #HOST} is the thread that issues all of it (Python dispatching kernels in eager code); it
 * runs ahead of the GPU asynchronously, and any CPU work the strategy does (CPU attention) runs on
 * it too, so a layer never takes less than that thread's time.
 */
public enum Lane {
  GPU("gpu"),
  HOST_TO_DEVICE("host_to_device"),
  DEVICE_TO_HOST("device_to_host"),
  CPU("cpu"),
  DISK("disk"),
  CSD("csd"),
  HOST("host");

  private final String key;

  Lane(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
