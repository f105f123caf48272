package io.tiersim.simulator.cost;

/**
 * What an operator's time is spent on. Each belongs to one {@link Lane}; an operator's time is
 * set by the resource it needs longest (the roofline), and reports name that resource as its bound.
 * {@link #KERNEL_LAUNCH} is the fixed cost of each GPU kernel (launch, pipeline fill, last wave),
 * reported apart so that many tiny kernels show up as what they are.
 */
public enum Resource {
  TENSOR_CORES("tensor_cores", Lane.GPU),
  CUDA_CORES("cuda_cores", Lane.GPU),
  HBM("hbm", Lane.GPU),
  L2("l2", Lane.GPU),
  KERNEL_LAUNCH("kernel_launch", Lane.GPU),
  /** Tensor-parallel all-reduce between GPUs (NVLink, or PCIe peer to peer); it blocks the GPU stream. */
  GPU_INTERCONNECT("gpu_interconnect", Lane.GPU),
  PCIE_HOST_TO_DEVICE("pcie_host_to_device", Lane.HOST_TO_DEVICE),
  PCIE_DEVICE_TO_HOST("pcie_device_to_host", Lane.DEVICE_TO_HOST),
  HOST_MEMORY("host_memory", Lane.CPU),
  CPU_CORES("cpu_cores", Lane.CPU),
  SSD_READ("ssd_read", Lane.DISK),
  SSD_WRITE("ssd_write", Lane.DISK),
  CSD_FLASH("csd_flash", Lane.CSD),
  CSD_COMPUTE("csd_compute", Lane.CSD),
  /** GPU to and from the computational storage drives without touching host memory. */
  PEER_TO_PEER("peer_to_peer", Lane.CSD),
  /** The host thread issuing kernels and copies (Python and the CUDA launch API in eager code). */
  HOST_DISPATCH("host_dispatch", Lane.HOST);

  private final String key;
  private final Lane lane;

  Resource(String key, Lane lane) {
    this.key = key;
    this.lane = lane;
  }

  public String key() {
    return key;
  }

  public Lane lane() {
    return lane;
  }

  /** Whether this resource computes (FLOPs) rather than moves bytes or waits. */
  public boolean computes() {
    return this == TENSOR_CORES || this == CUDA_CORES || this == CPU_CORES || this == CSD_COMPUTE;
  }
}
