package io.tiersim.model.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each broken file is reported with the file, the line and the field, so a user can fix it. */
final class CatalogErrorsTest {
  @TempDir Path tmp;
  private Path gpuFile;
  private Path systemFile;

  @BeforeEach
  void copyFixture() {
    Fixtures.copy(Fixtures.minimal(), tmp);
    gpuFile = tmp.resolve("gpus/tiny-gpu.yaml");
    systemFile = tmp.resolve("systems/tiny-box.yaml");
  }

  private InputException loadFails() {
    return catchThrowableOfType(InputException.class, () -> HardwareCatalog.load(tmp));
  }

  @Test
  void fixture_loads() {
    HardwareCatalog catalog = HardwareCatalog.load(tmp);
    SystemProfile box = catalog.system("tiny-box");
    assertThat(box.gpu().id()).isEqualTo("tiny-gpu");
    assertThat(box.drives()).hasSize(2);
    assertThat(box.tierCapacityBytes(io.tiersim.model.Tier.DISK)).isEqualTo(2_000_000_000_000L);
  }

  @Test
  void unknownField_namesFileLineAndField() {
    Fixtures.edit(gpuFile, "l2_mib:", "l2_megabytes: {value: 8, source: \"test fixture\"}\nl2_mib:");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-gpu.yaml");
    assertThat(e.line()).isEqualTo(11);
    assertThat(e.field()).isEqualTo("l2_megabytes");
    assertThat(e.getMessage()).contains("tiny-gpu.yaml:11").contains("unknown field 'l2_megabytes'");
  }

  @Test
  void unknownNestedField_pointsAtItsLine() {
    Fixtures.edit(systemFile, "  latency_us: {value: 10,", "  lag_us: {value: 3, source: \"test fixture\"}\n  latency_us: {value: 10,");
    InputException e = loadFails();
    assertThat(e.line()).isEqualTo(17);
    assertThat(e.field()).isEqualTo("host_link.lag_us");
  }

  @Test
  void misspelledRequiredField_namesTheMisspelling_andTheExpectedName() {
    Fixtures.edit(gpuFile, "l2_mib:", "l2_megabytes:");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-gpu.yaml");
    assertThat(e.line()).isPositive();
    assertThat(e.field()).isEqualTo("l2_megabytes");
    assertThat(e.getMessage()).contains("unknown field 'l2_megabytes'").contains("l2_mib");
  }

  @Test
  void missingSource_namesTheValue() {
    Fixtures.edit(gpuFile, "hbm_bandwidth_gb_s: {value: 1000, source: \"test fixture\"}", "hbm_bandwidth_gb_s: {value: 1000}");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-gpu.yaml");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.field()).isEqualTo("hbm_bandwidth_gb_s.source");
    assertThat(e.getMessage()).contains("missing");
  }

  @Test
  void bareNumber_isRejectedForWantOfASource() {
    Fixtures.edit(gpuFile, "hbm_bandwidth_gb_s: {value: 1000, source: \"test fixture\"}", "hbm_bandwidth_gb_s: 1000");
    InputException e = loadFails();
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.field()).startsWith("hbm_bandwidth_gb_s");
    assertThat(e.getMessage()).contains("source");
  }

  @Test
  void negativeBandwidth_namesFileLineAndField() {
    Fixtures.edit(systemFile, "bandwidth_gb_s: {value: 100,", "bandwidth_gb_s: {value: -100,");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-box.yaml");
    assertThat(e.line()).isEqualTo(8);
    assertThat(e.field()).isEqualTo("host_memory.bandwidth_gb_s.value");
    assertThat(e.getMessage()).contains("-100");
  }

  @Test
  void zeroBandwidth_isRejected() {
    Fixtures.edit(gpuFile, "{value: 1000,", "{value: 0,");
    InputException e = loadFails();
    assertThat(e.field()).isEqualTo("hbm_bandwidth_gb_s");
    assertThat(e.getMessage()).contains("positive");
  }

  @Test
  void systemNamingAnUnknownGpu_listsTheKnownGpus() {
    Fixtures.edit(systemFile, "gpu: tiny-gpu", "gpu: b200");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-box.yaml");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("gpu");
    assertThat(e.getMessage()).contains("unknown GPU 'b200'; known: tiny-gpu");
  }

  @Test
  void malformedYaml_namesFileAndLine() {
    Fixtures.edit(systemFile, "  kind: PCIe Gen4 x16", "  kind: [PCIe Gen4 x16");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-box.yaml");
    assertThat(e.line()).isGreaterThanOrEqualTo(14);
    assertThat(e.getMessage()).contains("tiny-box.yaml:");
  }

  @Test
  void malformedYaml_inAValueMapping_namesItsField() {
    Fixtures.edit(gpuFile, "sm_count: {value: 10,", "sm_count: {value: ten,");
    InputException e = loadFails();
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.field()).isEqualTo("sm_count.value");
  }

  @Test
  void duplicateKey_namesFileLineAndKey() {
    Fixtures.edit(gpuFile, "l2_mib:", "sm_count: {value: 12, source: \"test fixture\"}\nl2_mib:");
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-gpu.yaml");
    assertThat(e.line()).isEqualTo(11);
    assertThat(e.getMessage()).contains("sm_count");
  }

  @Test
  void idDifferentFromFileName_isRejected() {
    Fixtures.edit(gpuFile, "id: tiny-gpu", "id: other-gpu");
    InputException e = loadFails();
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("id");
    assertThat(e.getMessage()).contains("'other-gpu'").contains("'tiny-gpu'");
  }

  @Test
  void duplicateId_acrossYamlAndYml_isRejected() throws IOException {
    Files.copy(gpuFile, tmp.resolve("gpus/tiny-gpu.yml"));
    InputException e = loadFails();
    assertThat(e.file()).endsWith("tiny-gpu.yml");
    assertThat(e.field()).isEqualTo("id");
    assertThat(e.getMessage()).contains("duplicate id 'tiny-gpu'");
  }

  @Test
  void measuredPointWithTheWrongUnit_isRejected() {
    Fixtures.edit(gpuFile, "{kind: hbm_read, gb_s: 900,", "{kind: hbm_read, tflops: 900,");
    InputException e = loadFails();
    assertThat(e.line()).isEqualTo(14);
    assertThat(e.field()).isEqualTo("measured[0].kind");
    assertThat(e.getMessage()).contains("gb_s or gib_s");
  }

  @Test
  void unknownMeasurementKind_listsTheKinds() {
    Fixtures.edit(gpuFile, "kind: hbm_read", "kind: hbm_scan");
    InputException e = loadFails();
    assertThat(e.line()).isEqualTo(14);
    assertThat(e.getMessage()).contains("hbm_scan");
  }

  @Test
  void reserveAsLargeAsTheGpu_isRejected() {
    Fixtures.edit(systemFile, "runtime_reserve_gib_per_gpu: {value: 1,", "runtime_reserve_gib_per_gpu: {value: 16,");
    InputException e = loadFails();
    assertThat(e.field()).isEqualTo("runtime_reserve_gib_per_gpu");
    assertThat(e.line()).isEqualTo(20);
  }

  @Test
  void resolveSystem_fileWithUnknownGpu_namesThatFile() throws IOException {
    Path user = tmp.resolve("my-box.yaml");
    Files.copy(systemFile, user);
    Fixtures.edit(user, "gpu: tiny-gpu", "gpu: h100-sxm");
    HardwareCatalog catalog = HardwareCatalog.load(tmp);
    assertThatThrownBy(() -> catalog.resolveSystem("my-box.yaml", tmp))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("my-box.yaml:4").hasMessageContaining("unknown GPU 'h100-sxm'");
  }

  @Test
  void resolveSystem_missingFile_saysSo() {
    HardwareCatalog catalog = HardwareCatalog.load(tmp);
    assertThatThrownBy(() -> catalog.resolveSystem("nowhere.yaml", tmp))
        .isInstanceOf(InputException.class).hasMessageContaining("file not found");
  }
}
