package io.tiersim.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiersim.model.DataType;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.MeasuredPoint;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.measurement.MeasurementFile;
import io.tiersim.model.measurement.MeasurementLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration from the synthetic H100 measurement file (a probe --dry-run whose values follow
 * the H100 SXM profile's published numbers): the fits recover the rates the file was generated
 * from, and the profile written is the profile fitted.
 */
final class MeasurementCalibrationTest {
  static final Path FIXTURE =
      TiersimHome.root().resolve("model/src/test/resources/measurements/synthetic-h100-sxm.json");
  static final HardwareCatalog CATALOG = HardwareCatalog.bundled();
  static final Path H100 = TiersimHome.hardwareProfiles().resolve("systems/h100-sxm.yaml");
  static final String CITATION = "synthetic-h100-sxm.json (test)";

  @TempDir Path dir;

  static MeasurementCalibration.Result calibrate(Path base) {
    Document<MeasurementFile> doc = MeasurementLoader.load(FIXTURE);
    return MeasurementCalibration.calibrate(
        new MeasurementCalibration.Request(doc, CITATION, base, "h100-test", true), CATALOG);
  }

  @Test
  void fits_recoverTheRatesTheSyntheticFileWasMadeFrom() {
    CalibratedEfficiency c = calibrate(H100).efficiency();

    // probe_synthetic.py: host link 35.2 / 52.8 GB/s with 10 us per copy, L2 4528.9 GiB/s with 3 us.
    assertThat(c.hostToDevice().peakBytesPerS()).isCloseTo(35.2e9, within(0.01 * 35.2e9));
    assertThat(c.hostToDevice().latencyS()).isCloseTo(10e-6, within(0.5e-6));
    assertThat(c.deviceToHost().peakBytesPerS()).isCloseTo(52.8e9, within(0.01 * 52.8e9));
    assertThat(c.l2().peakBytesPerS()).isCloseTo(4528.9 * (1L << 30), within(0.01 * 4528.9 * (1L << 30)));
    // GEMM: 798 of 989.4 TFLOPS asymptote and a 5 us fixed cost, i.e. half-work = 0.807 * 5 us * peak / 2.
    GemmEfficiencyCurve bf16 = c.gemm(DataType.BF16);
    assertThat(bf16.effMax()).isCloseTo(798 / 989.4, within(0.01));
    assertThat(bf16.halfWorkMacs()).isCloseTo(798 / 989.4 * 5e-6 * 989.4e12 / 2, within(0.05 * 2e9));
    assertThat(c.gemm(DataType.FP8).effMax()).isCloseTo(0.65, within(0.01));
    // HBM pools read (2561 GiB/s) and copy (3000 GB/s) sweeps, so its peak lies between the two.
    assertThat(c.hbm().peakBytesPerS()).isBetween(2561.0 * (1L << 30), 3000e9);
  }

  @Test
  void prefillAttention_isFittedFromItsSeries_byTheWorkOfEachCall() {
    MeasurementCalibration.Result r = calibrate(H100);
    Fit<GemmEfficiencyCurve> fit = r.efficiency().prefillAttentionFit();
    // probe_synthetic.py: 10 us per call plus the causal FLOPs at 0.45 of the bf16 peak.
    assertThat(fit.degenerate()).isFalse();
    assertThat(fit.points()).isEqualTo(7);
    assertThat(fit.curve().effMax()).isCloseTo(0.45, within(0.01));
    assertThat(fit.curve().halfWorkMacs()).isCloseTo(0.45 * 10e-6 * 989.4e12 / 2, within(0.1 * 2.2e9));
    // The smallest call: batch 1, 32 query heads, 512 tokens, head_dim 128, the causal half of two matmuls.
    MeasuredPoint smallest = r.profile().measured().stream()
        .filter(p -> p.kind() == MeasurementKind.PREFILL_ATTENTION).findFirst().orElseThrow();
    assertThat(smallest.workMacs()).isEqualTo(32L * 512 * 512 * 128);
    assertThat(r.yaml()).contains("work_macs: " + 32L * 512 * 512 * 128);
  }

  @Test
  void memoryBoundGemms_areLeftOut_andTheReportSaysHowMany() {
    MeasurementCalibration.Result r = calibrate(H100);
    // bf16 and fp16 share one tensor-core peak on the H100, so their fits pool both types' points.
    long bf16Points = r.profile().measured().stream().filter(p -> p.kind() == MeasurementKind.GEMM
        && (p.dataType() == DataType.BF16 || p.dataType() == DataType.FP16)).count();
    FitReport.Line line = r.report().lines().stream().filter(l -> l.fit().equals("gemm-bf16")).findFirst().orElseThrow();

    assertThat(line.points() + line.excluded()).isEqualTo((int) bf16Points);
    assertThat(line.excluded()).isPositive();
    assertThat(r.report().render()).contains("memory-bound points left out");
  }

  @Test
  void writtenProfile_isTheFittedOne_andLoadsWithTheCatalog() throws IOException {
    MeasurementCalibration.Result r = calibrate(H100);
    Path file = dir.resolve("h100-test.yaml");
    Files.writeString(file, r.yaml());

    SystemProfile loaded = CATALOG.resolveSystem(file.toString(), null);
    CalibratedEfficiency again = ProfileCalibration.fit(loaded);
    assertThat(loaded.measured()).hasSize(r.profile().measured().size());
    assertThat(again.fits()).hasSameSizeAs(r.efficiency().fits());
    for (int i = 0; i < again.fits().size(); i++) {
      assertThat(again.fits().get(i).curve()).isEqualTo(r.efficiency().fits().get(i).curve());
    }
    assertThat(r.yaml()).startsWith("# WARNING: synthetic values");
  }

  @Test
  void everyNumber_hasASource_andEveryProbePointCitesItsPlaceInTheFile() throws IOException {
    MeasurementCalibration.Result r = calibrate(H100);
    Path file = dir.resolve("h100-test.yaml");
    Files.writeString(file, r.yaml());

    assertThat(unsourcedNumbers(YamlLoader.readTree(file), null)).isZero();
    List<MeasuredPoint> probe = r.profile().measured().stream().filter(p -> p.source().startsWith(CITATION)).toList();
    assertThat(probe).hasSize(r.points());
    assertThat(probe).allSatisfy(p -> assertThat(p.source()).containsPattern("microbenchmarks\\[\\d+]\\.points\\[\\d+]"));
  }

  @Test
  void baseProfilesOtherKinds_keepTheirPoints_whileMeasuredKindsAreReplaced() throws IOException {
    Path base = dir.resolve("h100-with-points.yaml");
    Files.writeString(base, Files.readString(H100) + "measured:\n"
        + "  - {kind: cpu_compute, tflops: 1.5, source: \"a test constant\"}\n"
        + "  - {kind: h2d_pinned, gb_s: 20, source: \"an old point the probe replaces\"}\n");

    List<MeasuredPoint> measured = calibrate(base).profile().measured();
    assertThat(measured).filteredOn(p -> p.kind() == MeasurementKind.CPU_COMPUTE).singleElement()
        .satisfies(p -> assertThat(p.source()).isEqualTo("a test constant"));
    assertThat(measured).filteredOn(p -> p.kind() == MeasurementKind.H2D_PINNED)
        .allSatisfy(p -> assertThat(p.source()).startsWith(CITATION));
  }

  @Test
  void syntheticFile_isRefused_unlessAllowed() {
    Document<MeasurementFile> doc = MeasurementLoader.load(FIXTURE);
    InputException e = catchThrowableOfType(InputException.class, () -> MeasurementCalibration.calibrate(
        new MeasurementCalibration.Request(doc, CITATION, H100, "x", false), CATALOG));
    assertThat(e.field()).isEqualTo("mode");
    assertThat(e.file()).isEqualTo(FIXTURE.toString());
    assertThat(e.problem()).contains("synthetic");
  }

  @Test
  void fileFromAnotherGpu_isRefused_namingBoth() {
    Path t4 = TiersimHome.hardwareProfiles().resolve("systems/t4-flexgen.yaml");
    InputException e = catchThrowableOfType(InputException.class, () -> calibrate(t4));
    assertThat(e.field()).isEqualTo("device.memory_total_bytes");
    assertThat(e.problem()).contains("80.0 GiB").contains("t4-flexgen").contains("T4");
  }

  @Test
  void recordedCurves_coverEveryMeasuredBandwidthKindTheCostModelDoesNotPriceYet() {
    List<String> names = calibrate(H100).recorded().stream().map(Fit::name).toList();
    assertThat(names).containsExactly("hbm-write", "d2h-pageable", "kv-gather", "ssd-random-read", "topk");
    assertThat(ProfileCalibration.supplementaryFits(CATALOG.system("h100-sxm"))).isEmpty();
  }

  @Test
  void measuredDriveReads_becomeTheDriveCurve_writesKeepTheRatedOne() {
    CalibratedEfficiency c = calibrate(H100).efficiency();
    // The dry run's drive: 15 us and 7 GB/s per sequential request (probe_synthetic.py).
    assertThat(c.ssdReadFit().points()).isEqualTo(3);
    assertThat(c.ssdRead().peakBytesPerS()).isCloseTo(7.0e9, within(0.3e9));
    assertThat(c.ssdRead().latencyS()).isCloseTo(15e-6, within(5e-6));
    assertThat(c.ssdWriteFit().points()).isZero();
    SystemProfile h100 = CATALOG.system("h100-sxm");
    double rated = h100.drives().stream().mapToDouble(d -> d.writeBytesPerS()).sum();
    assertThat(c.ssdWrite().peakBytesPerS()).isEqualTo(rated * ProfileCalibration.DRIVE_RATE_PRIOR);
    // A 1 GB read costs what the fitted curve says.
    io.tiersim.simulator.cost.CostModel cost = new io.tiersim.simulator.cost.CostModel(calibrate(H100).profile(), c);
    assertThat(cost.drive("read", io.tiersim.simulator.cost.Resource.SSD_READ, 1e9).seconds())
        .isEqualTo(c.ssdRead().seconds(1e9));
  }

  @Test
  void measuredAccessPatterns_becomeTheCostModelsRates() {
    CalibratedEfficiency c = calibrate(H100).efficiency();
    // Every pattern the probe measures, from its own series (weight streaming from the memory-bound GEMMs).
    assertThat(c.patternFits()).containsOnlyKeys(AccessPattern.WEIGHT_STREAMING, AccessPattern.DECODE_ATTENTION,
        AccessPattern.EAGER_DECODE_ATTENTION, AccessPattern.EAGER_DECOMPRESS_WEIGHTS,
        AccessPattern.EAGER_DECOMPRESS_KV);
    assertThat(c.fits()).extracting(Fit::name).contains("eager-decode-attention", "weight-streaming");
    // The dry run's synthetic machine: eager decode attention at 0.6 of its HBM read rate, fused at
    // 0.8, the KV layout's decompression at 0.7 (probe_synthetic.py); the fits recover them within noise.
    double hbmRead = 2561.0 * (1L << 30);
    assertThat(c.pattern(AccessPattern.EAGER_DECODE_ATTENTION).peakBytesPerS() / hbmRead).isCloseTo(0.6, within(0.03));
    assertThat(c.pattern(AccessPattern.DECODE_ATTENTION).peakBytesPerS() / hbmRead).isCloseTo(0.8, within(0.04));
    assertThat(c.pattern(AccessPattern.EAGER_DECOMPRESS_KV).peakBytesPerS() / hbmRead).isCloseTo(0.7, within(0.035));
    assertThat(c.pattern(AccessPattern.WEIGHT_STREAMING).peakBytesPerS() / hbmRead).isCloseTo(1.0, within(0.05));
  }

  @Test
  void calibration_isDeterministic_andFarUnderFiveSeconds() {
    String first = calibrate(H100).yaml();
    long start = System.nanoTime();
    String second = calibrate(H100).yaml();
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    assertThat(second).isEqualTo(first);
  }

  private static int unsourcedNumbers(JsonNode node, JsonNode parent) {
    if (node.isNumber()) {
      JsonNode source = parent == null ? null : parent.get("source");
      return source != null && source.isTextual() && !source.asText().isBlank() ? 0 : 1;
    }
    int n = 0;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        n += unsourcedNumbers(e.getValue(), node);
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        n += unsourcedNumbers(item, item.isNumber() ? null : node);
      }
    }
    return n;
  }
}
