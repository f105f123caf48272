package io.tiersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.TiersimHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tiersim validate}: the published rows, and a probe file against two profiles. */
final class ValidateCommandTest {
  static final Path SYNTHETIC = TiersimHome.root().resolve("model/src/test/resources/measurements/synthetic-h100-sxm.json");

  @Test
  void published_writesTheReportWithEveryRow(@TempDir Path dir) throws IOException {
    Path report = dir.resolve("published.md");
    CliTest.Run r = CliTest.run("validate", "--published", "-o", report.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(report);
    assertThat(md).contains("# Validation against published results").contains("| flexgen-opt-30b |")
        .contains("| h2o-opt-6.7b-b24-h2o-peak |");
    assertThat(r.out()).contains("53 rows").contains("0 outside tolerance unexplained");
  }

  @Test
  void aSyntheticFile_withoutOut_isReportedUnderTheIgnoredSyntheticFolder(@TempDir Path home) throws IOException {
    CalibrateCommandTest.copy(TiersimHome.hardwareProfiles(), home.resolve("hardware-profiles"));
    CliTest.Run r = CliTest.runAtHome(home, "validate", SYNTHETIC.toString(), "--system", "h100-sxm",
        "--allow-synthetic");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(home.resolve("validation/reports/synthetic/synthetic-h100-sxm.md")).exists();
    assertThat(home.resolve("validation/reports/synthetic-h100-sxm.md")).doesNotExist();
  }

  @Test
  void aProbeFile_isPredictedWithBothProfiles_andWrittenAsMarkdownAndJson(@TempDir Path dir) throws IOException {
    CliTest.Run r = CliTest.run("validate", SYNTHETIC.toString(), "--system", "h100-sxm", "--allow-synthetic",
        "-o", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(dir.resolve("synthetic-h100-sxm.md"));
    assertThat(md).contains("synthetic (not measured on a GPU)").contains("decode/full-bf16/b1/c1024");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("synthetic-h100-sxm.json").toFile());
    assertThat(json.get("rows").size()).isGreaterThan(50);
    JsonNode first = json.get("rows").get(0);
    double measured = first.get("measured").asDouble();
    double predicted = first.get("calibrated_predicted").asDouble();
    assertThat(first.get("calibrated_error").asDouble()).isCloseTo((predicted - measured) / measured,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(json.get("held_out").asText()).contains("all end-to-end settings");
  }

  @Test
  void aSyntheticFile_isRefusedWithoutTheFlag_andNothingIsWritten(@TempDir Path dir) throws IOException {
    CliTest.Run r = CliTest.run("validate", SYNTHETIC.toString(), "--system", "h100-sxm", "-o", dir.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("synthetic");
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aTruncatedFile_isAClearError_andNothingIsWritten(@TempDir Path dir) throws IOException {
    Path truncated = dir.resolve("cut.json");
    String text = Files.readString(SYNTHETIC);
    Files.writeString(truncated, text.substring(0, text.length() / 2));
    Path out = dir.resolve("out");
    CliTest.Run r = CliTest.run("validate", truncated.toString(), "--system", "h100-sxm", "--allow-synthetic",
        "-o", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("cut.json");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void neitherOrBothSources_isAUsageError() {
    assertThat(CliTest.run("validate").code()).isNotZero();
    assertThat(CliTest.run("validate", "--published", SYNTHETIC.toString()).code()).isNotZero();
    assertThat(CliTest.run("validate", SYNTHETIC.toString()).err()).contains("--system");
  }
}
