package io.tiersim.cli;

import static io.tiersim.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.measurement.MeasurementLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CalibrateCommandTest {
  static final Path FIXTURE =
      TiersimHome.root().resolve("model/src/test/resources/measurements/synthetic-h100-sxm.json");

  @TempDir Path dir;

  @Test
  void calibrate_writesAProfileThatScenariosCanUse_andPrintsTheFitReport() throws IOException {
    Path out = dir.resolve("profiles/h100-probe.yaml");
    CliTest.Run r = run("calibrate", FIXTURE.toString(), "--system", "h100-sxm", "-o", out.toString(), "--allow-synthetic");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("host-to-device").contains("gemm-bf16").contains("95 % confidence interval")
        .contains("recorded, not yet priced").contains("wrote " + out);
    assertThat(HardwareCatalog.bundled().resolveSystem(out.toString(), null).id()).isEqualTo("h100-probe");

    Path scenario = dir.resolve("s.yaml");
    Files.writeString(scenario, String.join("\n", "model: llama-3.1-8b", "system: profiles/h100-probe.yaml",
        "workload: {batch_size: 1, prompt_tokens: 1024, generate_tokens: 16}", "strategies:",
        "  - preset: full-fp16", ""));
    CliTest.Run sim = run("simulate", scenario.toString());
    assertThat(sim.code()).as(sim.err()).isZero();
    assertThat(sim.out()).contains("h100-probe");
  }

  @Test
  void syntheticFile_withoutPermission_exitsTwo_andWritesNothing() {
    Path out = dir.resolve("x.yaml");
    CliTest.Run r = run("calibrate", FIXTURE.toString(), "--system", "h100-sxm", "-o", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("synthetic-h100-sxm.json").contains("field 'mode'");
    assertThat(out).doesNotExist();
  }

  @Test
  void truncatedFile_exitsTwo_namesFileAndField_andLeavesTheOldProfileAlone() throws IOException {
    String text = Files.readString(FIXTURE);
    Path bad = dir.resolve("cut.json");
    Files.writeString(bad, text.substring(0, text.length() / 3));
    Path out = dir.resolve("old.yaml");
    Files.writeString(out, "previous contents\n");

    CliTest.Run r = run("calibrate", bad.toString(), "--system", "h100-sxm", "-o", out.toString(), "--allow-synthetic");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cut.json:").contains("field 'microbenchmarks[").contains("ends early");
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out)).isEqualTo("previous contents\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cut.json", "old.yaml");
    }
  }

  @Test
  void unknownSystem_orAnotherGpu_exitsTwo() {
    CliTest.Run unknown = run("calibrate", FIXTURE.toString(), "--system", "h100-sxmm", "--allow-synthetic");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown system 'h100-sxmm'");
    CliTest.Run t4 = run("calibrate", FIXTURE.toString(), "--system", "t4-flexgen", "--allow-synthetic",
        "-o", dir.resolve("t4.yaml").toString());
    assertThat(t4.code()).isEqualTo(2);
    assertThat(t4.err()).contains("device.memory_total_bytes").contains("t4-flexgen");
    assertThat(run("calibrate", FIXTURE.toString()).code()).isEqualTo(2); // --system is required
  }

  @Test
  void defaultOutput_isUnderHardwareProfilesCalibrated_namedForSystemGpuAndDate() throws IOException {
    Path home = dir.resolve("home");
    copy(TiersimHome.hardwareProfiles(), home.resolve("hardware-profiles"));
    CliTest.Run r = CliTest.runAtHome(home, "calibrate", FIXTURE.toString(), "--system", "h100-sxm", "--allow-synthetic");
    assertThat(r.code()).as(r.err()).isZero();
    Path expected = home.resolve("hardware-profiles/calibrated/h100-sxm-synthetic-h100-sxm-dry-run-20261113.yaml");
    assertThat(expected).exists();
    assertThat(Files.readString(expected)).contains("id: \"h100-sxm-synthetic-h100-sxm-dry-run-20261113\"");
  }

  @Test
  void defaultId_slugsTheGpuName() {
    var file = MeasurementLoader.load(FIXTURE).value();
    assertThat(CalibrateCommand.defaultId("h100-sxm", file)).isEqualTo("h100-sxm-synthetic-h100-sxm-dry-run-20261113");
    assertThat(CalibrateCommand.slug("NVIDIA H100 80GB HBM3")).isEqualTo("nvidia-h100-80gb-hbm3");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
