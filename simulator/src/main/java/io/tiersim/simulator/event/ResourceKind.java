package io.tiersim.simulator.event;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.OpCost;

/**
 * The servers of the event engine: each runs one task at a time per unit of capacity, in the
 * order tasks became ready. PCIe is full duplex, so each direction has its own copy engine;
 * host work is split between the thread that dispatches (Python and the CUDA launch API in eager
 * code), the cores, and DRAM; the drives and the CSDs' flash, compute and peer-to-peer path are
 * each one server because the cost model prices their bandwidth striped over every drive.
 */
public enum ResourceKind {
  GPU_STREAM("gpu compute stream"),
  NVLINK("nvlink"),
  COPY_H2D("copy engine host->device"),
  COPY_D2H("copy engine device->host"),
  HOST_THREAD("host dispatch thread"),
  CPU_CORES("cpu cores"),
  HOST_DRAM("host dram"),
  NVME("nvme queue"),
  CSD_FLASH("csd flash channels"),
  CSD_COMPUTE("csd compute"),
  PEER_TO_PEER("gpu<->csd peer to peer");

  private final String label;

  ResourceKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The server a priced operator occupies: its lane, refined by the resource that bound it. */
  public static ResourceKind of(OpCost op) {
    return switch (op.lane()) {
      case GPU -> op.bound() == io.tiersim.simulator.cost.Resource.GPU_INTERCONNECT ? NVLINK : GPU_STREAM;
      case HOST_TO_DEVICE -> COPY_H2D;
      case DEVICE_TO_HOST -> COPY_D2H;
      case CPU -> op.bound() == io.tiersim.simulator.cost.Resource.CPU_CORES ? CPU_CORES : HOST_DRAM;
      case DISK -> NVME;
      case CSD -> switch (op.bound()) {
        case CSD_COMPUTE -> CSD_COMPUTE;
        case PEER_TO_PEER -> PEER_TO_PEER;
        default -> CSD_FLASH;
      };
      case HOST -> HOST_THREAD;
    };
  }

  /** Whether work on this server runs on the host thread's timeline (dispatch and the CPU lane). */
  public static boolean onHostThread(Lane lane) {
    return lane == Lane.HOST || lane == Lane.CPU;
  }
}
