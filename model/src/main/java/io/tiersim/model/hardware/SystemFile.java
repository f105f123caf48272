package io.tiersim.model.hardware;

import io.tiersim.model.io.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code systems/<id>.yaml} file as written: the GPU by id, and drives as groups with a sourced
 * {@code count}. {@link #toProfile} resolves the GPU and expands the groups.
 */
record SystemFile(
    String id,
    String name,
    String gpu,
    SourcedValue gpuCount,
    HostMemory hostMemory,
    CpuProfile cpu,
    HostLink hostLink,
    GpuInterconnect gpuInterconnect,
    List<DriveGroup> drives,
    List<CsdGroup> csds,
    SourcedValue runtimeReserveGibPerGpu,
    List<MeasuredPointFile> measured) {

  /** More drives than any server chassis holds is a typo, not a machine. */
  static final int MAX_DRIVES = 1024;

  SystemFile {
    Require.nonBlank(id, "id");
    Require.nonBlank(name, "name");
    Require.nonBlank(gpu, "gpu");
    SourcedValue.count(gpuCount, "gpu_count");
    Require.present(hostMemory, "host_memory");
    Require.present(cpu, "cpu");
    Require.present(hostLink, "host_link");
    drives = drives == null ? List.of() : drives;
    csds = csds == null ? List.of() : csds;
    requireEntries(drives, "drives");
    requireEntries(csds, "csds");
    Require.present(runtimeReserveGibPerGpu, "runtime_reserve_gib_per_gpu");
    measured = measured == null ? List.of() : measured;
    requireEntries(measured, "measured");
  }

  private static void requireEntries(List<?> list, String field) {
    for (int i = 0; i < list.size(); i++) {
      Require.present(list.get(i), field + "[" + i + "]");
    }
  }

  /** {@code count} identical NVMe drives. */
  record DriveGroup(
      SourcedValue count, String name, SourcedValue capacityTb, SourcedValue readGbS, SourcedValue writeGbS,
      SourcedValue latencyUs) {

    DriveGroup {
      Require.inRange(SourcedValue.count(count, "count"), 1, MAX_DRIVES, "count");
      Require.nonBlank(name, "name");
      SourcedValue.positive(capacityTb, "capacity_tb");
      SourcedValue.positive(readGbS, "read_gb_s");
      SourcedValue.positive(writeGbS, "write_gb_s");
      Require.present(latencyUs, "latency_us");
    }

    NvmeDrive drive() {
      return new NvmeDrive(name, capacityTb, readGbS, writeGbS, latencyUs);
    }
  }

  /** {@code count} identical computational storage drives. */
  record CsdGroup(
      SourcedValue count, String name, SourcedValue capacityTb, SourcedValue flashReadGbS,
      SourcedValue flashWriteGbS, SourcedValue computeTflops, SourcedValue dramGib, SourcedValue peerToPeerGbS,
      SourcedValue hostLinkGbS) {

    CsdGroup {
      Require.inRange(SourcedValue.count(count, "count"), 1, MAX_DRIVES, "count");
      Require.nonBlank(name, "name");
      SourcedValue.positive(capacityTb, "capacity_tb");
      SourcedValue.positive(flashReadGbS, "flash_read_gb_s");
      SourcedValue.positive(flashWriteGbS, "flash_write_gb_s");
      SourcedValue.positive(computeTflops, "compute_tflops");
      SourcedValue.positive(dramGib, "dram_gib");
      SourcedValue.positive(peerToPeerGbS, "peer_to_peer_gb_s");
      SourcedValue.positive(hostLinkGbS, "host_link_gb_s");
    }

    CsdDrive drive() {
      return new CsdDrive(name, capacityTb, flashReadGbS, flashWriteGbS, computeTflops, dramGib, peerToPeerGbS,
          hostLinkGbS);
    }
  }

  /** The domain profile, with the GPU looked up by id (null from the lookup means unknown). */
  SystemProfile toProfile(Function<String, GpuProfile> gpus) {
    List<NvmeDrive> nvme = new ArrayList<>();
    drives.forEach(g -> repeat(nvme, g.drive(), (int) g.count().value()));
    List<CsdDrive> csd = new ArrayList<>();
    csds.forEach(g -> repeat(csd, g.drive(), (int) g.count().value()));
    List<MeasuredPoint> points = measured.stream().map(MeasuredPointFile::toPoint).toList();
    return new SystemProfile(id, name, gpus.apply(gpu), gpuCount, hostMemory, cpu, hostLink, gpuInterconnect,
        nvme, csd, runtimeReserveGibPerGpu, points);
  }

  private static <T> void repeat(List<T> into, T item, int times) {
    for (int i = 0; i < times; i++) {
      into.add(item);
    }
  }
}
