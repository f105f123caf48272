package io.tiersim.model.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.DataType;
import io.tiersim.model.Tier;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.TiersimHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

final class BundledCatalogTest {
  private static final long GIB = 1L << 30;
  private final HardwareCatalog catalog = HardwareCatalog.bundled();

  @Test
  void bundled_loadsEveryPromisedGpuAndSystem_inIdOrder() {
    assertThat(catalog.gpus()).extracting(GpuProfile::id).containsExactly(
        "a100-40gb", "a100-80gb", "b200", "gh200", "h100-pcie", "h100-sxm", "h200", "l40s", "mi300x", "rtx-a6000",
        "rtx4090", "t4");
    assertThat(catalog.systems()).extracting(SystemProfile::id).containsExactly(
        "a100-40gb", "a100-80gb", "a6000-csd", "gh200", "h100-pcie", "h100-sxm", "h200", "hgx-b200x8", "hgx-h100x8",
        "hgx-h200x8", "l40s",
        "mi300x", "rtx4090", "rtx4090x2", "t4-flexgen");
  }

  @Test
  void bundled_idsEqualFileNames() throws IOException {
    for (String folder : List.of("gpus", "systems")) {
      try (Stream<Path> files = Files.list(TiersimHome.hardwareProfiles().resolve(folder))) {
        List<String> stems = files.map(p -> p.getFileName().toString().replaceFirst("\\.ya?ml$", "")).sorted().toList();
        List<String> ids = folder.equals("gpus")
            ? catalog.gpus().stream().map(GpuProfile::id).toList()
            : catalog.systems().stream().map(SystemProfile::id).toList();
        assertThat(ids).as(folder).isEqualTo(stems);
      }
    }
  }

  @Test
  void h100_capacityIs80GiB_andBandwidthIsTheDatasheetPeak() {
    GpuProfile h100 = catalog.gpu("h100-sxm");
    assertThat(h100.hbmCapacityBytes()).isEqualTo(80 * GIB);
    assertThat(h100.hbmBandwidthBytesPerS()).isEqualTo(3350e9);
    assertThat(h100.smCount()).isEqualTo(132);
    assertThat(h100.l2Bytes()).isEqualTo(50L << 20);
    assertThat(h100.smemPerSmBytes()).isEqualTo(228L << 10);
    assertThat(h100.cudaCoreFlopsPerS()).isEqualTo(67e12);
  }

  @Test
  void measuredPoints_areInBaseUnits() {
    GpuProfile h100 = catalog.gpu("h100-sxm");
    MeasuredPoint gemm = h100.measured().stream().filter(p -> p.kind() == MeasurementKind.GEMM).findFirst().orElseThrow();
    assertThat(gemm.flopsPerS()).isEqualTo(798e12);
    assertThat(gemm.m()).isEqualTo(8192);
    assertThat(gemm.dataType()).isEqualTo(DataType.BF16);
    MeasuredPoint read = h100.measured().stream().filter(p -> p.kind() == MeasurementKind.HBM_READ).findFirst().orElseThrow();
    assertThat(read.bytesPerS()).isCloseTo(2561.0 * GIB, within(1.0));
    assertThatThrownBy(read::flopsPerS).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void gen3LinkSizePoints_areRecordedOnTheFlexGenMachine() {
    List<MeasuredPoint> h2d = catalog.system("t4-flexgen").measured().stream()
        .filter(p -> p.kind() == MeasurementKind.H2D_PINNED && p.transferBytes() != null).toList();
    assertThat(h2d).extracting(MeasuredPoint::transferBytes).containsExactly(32768L, 1048576L, 268435456L, 33554432L);
    assertThat(h2d.get(0).bytesPerS()).isEqualTo(0.93e9);
  }

  @Test
  void tierCapacity_sumsGpusDrivesAndCsds() {
    SystemProfile hgx = catalog.system("hgx-h100x8");
    assertThat(hgx.tierCapacityBytes(Tier.GPU)).isEqualTo(8 * 80 * GIB);
    assertThat(hgx.tierCapacityBytes(Tier.CPU)).isEqualTo(2048 * GIB);
    assertThat(hgx.drives()).hasSize(8);
    assertThat(hgx.tierCapacityBytes(Tier.DISK)).isEqualTo(8 * 3_840_000_000_000L);
    assertThat(hgx.has(Tier.CSD)).isFalse();
    assertThat(hgx.tierCapacityBytes(Tier.CSD)).isZero();
    assertThat(hgx.gpuInterconnect().bytesPerSPerDirection()).isEqualTo(450e9);

    SystemProfile instinfer = catalog.system("a6000-csd");
    assertThat(instinfer.has(Tier.CSD)).isTrue();
    assertThat(instinfer.tierCapacityBytes(Tier.CSD))
        .isEqualTo(instinfer.csds().stream().mapToLong(CsdDrive::capacityBytes).sum())
        .isEqualTo(instinfer.csds().size() * 3_840_000_000_000L);
    assertThat(instinfer.gpuInterconnect()).isNull();
  }

  @Test
  void runtimeReserve_isBelowEveryGpusCapacity() {
    for (SystemProfile s : catalog.systems()) {
      assertThat(s.runtimeReserveBytesPerGpu()).as(s.id()).isPositive().isLessThan(s.gpu().hbmCapacityBytes());
      assertThat(s.hostLink().latencyS()).as(s.id()).isPositive();
    }
  }

  @Test
  void peak_bf16FallsBackToFp16_andFp16ToBf16() {
    assertThat(catalog.gpu("rtx-a6000").peakTensorFlopsPerS(DataType.BF16)).isEqualTo(154.8e12);
    assertThat(catalog.gpu("h100-pcie").peakTensorFlopsPerS(DataType.FP16)).isEqualTo(756e12);
    assertThat(catalog.gpu("h100-pcie").supports(DataType.FP16)).isTrue();
  }

  @Test
  void peak_typeTheGpuLacks_throwsAndSaysWhatItSupports() {
    GpuProfile t4 = catalog.gpu("t4");
    assertThat(t4.supports(DataType.BF16)).isFalse();
    assertThatThrownBy(() -> t4.peakTensorFlopsPerS(DataType.BF16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'t4'").hasMessageContaining("bf16").hasMessageContaining("fp16, int8, int4");
    assertThatThrownBy(() -> catalog.gpu("h100-sxm").peakTensorFlopsPerS(DataType.INT4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int4");
  }

  @Test
  void unknownSystem_listsTheKnownOnes() {
    assertThatThrownBy(() -> catalog.system("dgx-b200"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("field 'system'")
        .hasMessageContaining("unknown system 'dgx-b200'; known: a100-40gb, a100-80gb, a6000-csd");
  }

  @Test
  void resolveSystem_takesAnIdOrAFile() {
    Path base = TiersimHome.hardwareProfiles();
    assertThat(catalog.resolveSystem("gh200", base).hostLink().kind()).isEqualTo("NVLink-C2C");
    SystemProfile fromFile = catalog.resolveSystem("systems/t4-flexgen.yaml", base);
    assertThat(fromFile.gpu()).isSameAs(catalog.gpu("t4"));
    assertThat(fromFile.cpu().cores()).isEqualTo(16);
  }
}
