package io.tiersim.model.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MeasurementLoaderTest {
  @TempDir Path dir;

  MeasurementFile load(String text) {
    return MeasurementLoader.parse("m.json", text);
  }

  InputException fails(String text) {
    InputException e = catchThrowableOfType(InputException.class, () -> load(text));
    assertThat(e).as("expected an InputException").isNotNull();
    assertThat(e.file()).isEqualTo("m.json");
    return e;
  }

  @Test
  void syntheticFixture_loadsEverySeriesAndSetting() {
    MeasurementFile f = MeasurementLoader.load(MeasurementFixtures.SYNTHETIC_H100).value();
    assertThat(f.mode()).isEqualTo(ProbeMode.DRY_RUN);
    assertThat(f.device().memoryTotalBytes()).isEqualTo(80L << 30);
    assertThat(f.microbenchmarks()).hasSize(24);
    MicrobenchmarkSeries gemm = f.microbenchmarks().stream().filter(s -> s.id().equals("gemm-bf16")).findFirst()
        .orElseThrow();
    assertThat(gemm.kind()).isEqualTo(MeasurementKind.GEMM);
    assertThat(gemm.dtype()).isEqualTo(DataType.BF16);
    assertThat(gemm.unit()).isEqualTo(MeasurementUnit.TFLOPS);
    assertThat(gemm.points().get(0).shape()).containsOnlyKeys("m", "n", "k");
    EndToEndSetting first = f.endToEnd().settings().get(0);
    assertThat(first.tiersimStrategy().preset()).isEqualTo("full-fp16");
    assertThat(first.tiersimWorkload().batchSize()).isEqualTo(first.batchSize());
    assertThat(first.timing().median()).isPositive();
    assertThat(f.endToEnd().model().parameterCount()).isEqualTo(8_030_261_248L);
  }

  @Test
  void truncatedFile_namesTheFieldBeingRead() {
    String text = MeasurementFixtures.text();
    int cut = text.indexOf("\"median\"", text.indexOf("\"hbm-copy\""));
    InputException e = fails(text.substring(0, cut + 12));
    assertThat(e.field()).startsWith("microbenchmarks[3].points[0]");
    assertThat(e.problem()).contains("ends early");
    assertThat(e.line()).isPositive();
  }

  @Test
  void nan_isNotJson_andIsRefusedWithItsPath() {
    InputException e = fails(MeasurementFixtures.edited("\"median\": ", "\"median\": NaN, \"x\": "));
    assertThat(e.field()).isEqualTo("microbenchmarks[0].points[0].median");
    assertThat(e.problem()).contains("malformed JSON").contains("NaN");
  }

  @Test
  void newerSchema_saysWhichVersionItReads() {
    InputException e = fails(MeasurementFixtures.edited("\"schema_version\": 2", "\"schema_version\": 3"));
    assertThat(e.field()).isEqualTo("schema_version");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.problem()).contains("unsupported schema version 3").contains("reads versions 1 to 2");
    assertThat(fails(MeasurementFixtures.edited("\"schema_version\": 2", "\"schema_version\": 0")).problem())
        .contains("unsupported schema version 0");
    assertThat(fails("{\"probe_version\": \"x\"}").problem()).contains("missing");
    assertThat(fails("[1, 2]").problem()).contains("expected a JSON object");
  }

  @Test
  void versionOneFiles_stillLoad_theirKindsAreASubsetOfVersionTwos() {
    String v1 = MeasurementFixtures.edited("\"schema_version\": 2", "\"schema_version\": 1");
    assertThat(load(v1).schemaVersion()).isEqualTo(1);
    assertThat(load(MeasurementFixtures.text()).microbenchmarks()).extracting(MicrobenchmarkSeries::kind)
        .contains(io.tiersim.model.hardware.MeasurementKind.DECODE_ATTENTION_EAGER,
            io.tiersim.model.hardware.MeasurementKind.EAGER_DECOMPRESS_WEIGHTS,
            io.tiersim.model.hardware.MeasurementKind.EAGER_DECOMPRESS_KV);
  }

  @Test
  void unknownField_inAPoint_isNamedWithItsPathAndLine() {
    InputException e = fails(MeasurementFixtures.edited("\"median_s\"", "\"median_z\""));
    assertThat(e.field()).isEqualTo("microbenchmarks[0].points[0].median_z");
    assertThat(e.problem()).contains("unknown field 'median_z'").contains("median_s");
    assertThat(e.line()).isGreaterThan(30);
  }

  @Test
  void unitThatDoesNotFitTheKind_isRefused() {
    InputException e = fails(MeasurementFixtures.edited("\"unit\": \"us\"", "\"unit\": \"gb_s\""));
    assertThat(e.field()).isEqualTo("microbenchmarks[0].unit");
    assertThat(e.problem()).contains("kernel_launch series is measured in us");
  }

  @Test
  void fractionalShape_isRefused_notTruncated() {
    InputException e = fails(MeasurementFixtures.edited("\"bytes\": 1048576", "\"bytes\": 1048576.5"));
    assertThat(e.field()).isEqualTo("microbenchmarks[1].points[0].shape.bytes");
    assertThat(e.problem()).contains("integer");
  }

  @Test
  void percentilesOutOfOrder_areRefused() {
    InputException e = fails(MeasurementFixtures.edited("\"p10\": ", "\"p10\": 1e30, \"iqr_\": "));
    assertThat(e.field()).startsWith("microbenchmarks[0].points[0]");
    String text = MeasurementFixtures.text();
    int p10 = text.indexOf("\"p10\": ");
    String swapped = text.substring(0, p10) + "\"p10\": 1e30," + text.substring(text.indexOf('\n', p10));
    InputException order = fails(swapped);
    assertThat(order.field()).isEqualTo("microbenchmarks[0].points[0].median");
    assertThat(order.problem()).contains("p10 <= median <= p90");
  }

  @Test
  void okSeriesWithoutPoints_andSkippedWithoutReason_areRefused() {
    String text = MeasurementFixtures.text();
    int start = text.indexOf("\"points\": [");
    int end = text.indexOf("\"skipped_points\"", start);
    InputException e = fails(text.substring(0, start) + "\"points\": [],\n  " + text.substring(end));
    assertThat(e.field()).isEqualTo("microbenchmarks[0].points");
    InputException r = fails(MeasurementFixtures.edited("\"status\": \"ok\"", "\"status\": \"skipped\""));
    assertThat(r.field()).isEqualTo("microbenchmarks[0].reason");
  }

  @Test
  void duplicateSeriesId_isRefused() {
    InputException e = fails(MeasurementFixtures.edited("\"id\": \"hbm-write\"", "\"id\": \"hbm-read\""));
    assertThat(e.field()).isEqualTo("microbenchmarks[2].id");
    assertThat(e.problem()).contains("duplicate id 'hbm-read'");
  }

  @Test
  void unknownModeOrKind_listsTheChoices() {
    InputException mode = fails(MeasurementFixtures.edited("\"mode\": \"dry_run\"", "\"mode\": \"fast\""));
    assertThat(mode.field()).isEqualTo("mode");
    assertThat(mode.getMessage()).contains("gpu, dry_run, cpu_smoke");
    InputException kind = fails(MeasurementFixtures.edited("\"kind\": \"hbm_read\"", "\"kind\": \"hbm_scan\""));
    assertThat(kind.field()).startsWith("microbenchmarks[1].kind");
    assertThat(kind.getMessage()).contains("hbm_scan");
  }

  @Test
  void nullEntries_areNamedByIndex() {
    InputException e = fails(MeasurementFixtures.edited("\"microbenchmarks\": [", "\"microbenchmarks\": [null,"));
    assertThat(e.field()).isEqualTo("microbenchmarks[0]");
  }

  @Test
  void emptyMissingAndTrailingGarbage_areClearErrors() throws IOException {
    assertThat(fails("").problem()).contains("empty");
    assertThat(fails("   \n").problem()).contains("empty");
    assertThat(fails(MeasurementFixtures.text() + "}").problem()).contains("after the end");
    InputException missing = catchThrowableOfType(InputException.class,
        () -> MeasurementLoader.load(dir.resolve("none.json")));
    assertThat(missing.problem()).isEqualTo("file not found");
    Path file = dir.resolve("m.json");
    Files.writeString(file, "{\"schema_version\": 1,");
    InputException truncated = catchThrowableOfType(InputException.class, () -> MeasurementLoader.load(file));
    assertThat(truncated.file()).isEqualTo(file.toString());
    assertThat(truncated.problem()).contains("ends early");
  }

  @Test
  void settingMarkedOk_needsItsTiming() {
    String text = MeasurementFixtures.text();
    int at = text.indexOf("\"decode_step_s\": {");
    int end = text.indexOf('}', at);
    InputException e = fails(text.substring(0, at) + "\"decode_step_s\": null" + text.substring(end + 1));
    assertThat(e.field()).isEqualTo("end_to_end.settings[0].decode_step_s");
  }
}
