package io.tiersim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.io.InputException;
import io.tiersim.model.io.TiersimHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ScenarioLoaderTest {
  static final ScenarioLoader LOADER = ScenarioLoader.bundled();
  static final String VALID = String.join("\n",
      "model: llama-3.1-8b",
      "system: h100-sxm",
      "workload:",
      "  batch_size: 4",
      "  prompt_tokens: 1000",
      "  generate_tokens: 100",
      "strategies:",
      "  - preset: full-fp16",
      "  - name: offload",
      "    preset: kivi-2",
      "    offload:",
      "      weights: {gpu: 0.5, cpu: 0.5}",
      "");

  @TempDir Path dir;

  Path write(String text) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, text);
    return f;
  }

  InputException fail(String text) throws IOException {
    Path f = write(text);
    InputException e = catchThrowableOfType(InputException.class, () -> LOADER.load(f));
    assertThat(e).as("expected an InputException").isNotNull();
    assertThat(e.file()).isEqualTo(f.toString());
    return e;
  }

  @Test
  void validScenario_resolvesModelSystemAndStrategies() throws IOException {
    Scenario s = LOADER.load(write(VALID));
    assertThat(s.model().id()).isEqualTo("llama-3.1-8b");
    assertThat(s.system().id()).isEqualTo("h100-sxm");
    assertThat(s.strategies()).extracting(x -> x.name()).containsExactly("full-fp16", "offload");
    assertThat(s.strategies().get(1).layer(0).weightPlacement().cpu()).isEqualTo(0.5);
    assertThat(s.name()).isEqualTo("s");
  }

  @Test
  void modelMayBeAHuggingFaceConfigPath_relativeToTheScenario() throws IOException {
    Path config = dir.resolve("hf/config.json");
    Files.createDirectories(config.getParent());
    try (var in = ScenarioLoaderTest.class.getResourceAsStream("/llm/llama-3.1-8b/config.json")) {
      Files.copy(in, config);
    }
    Scenario s = LOADER.load(write(VALID.replace("model: llama-3.1-8b", "model: hf/config.json")));
    assertThat(s.model().parameterCount()).isEqualTo(8_030_261_248L);
    assertThat(s.model().numKeyValueHeads()).isEqualTo(8);
  }

  @Test
  void chunkedPrefill_isOptional_andMustBePositive() throws IOException {
    Scenario s = LOADER.load(write(VALID.replace("generate_tokens: 100", "generate_tokens: 100\n  prefill_chunk_tokens: 256")));
    assertThat(s.workload().prefillPassTokens()).isEqualTo(256);
    assertThat(fail(VALID.replace("generate_tokens: 100", "generate_tokens: 100\n  prefill_chunk_tokens: 0")).field())
        .isEqualTo("workload.prefill_chunk_tokens");
  }

  @Test
  void bundledQuickstart_loads() {
    Scenario s = LOADER.load(TiersimHome.scenarios().resolve("quickstart.yaml"));
    assertThat(s.strategies()).hasSizeGreaterThanOrEqualTo(10);
  }

  @Test
  void unknownModel_namesLineAndField() throws IOException {
    InputException e = fail(VALID.replace("llama-3.1-8b", "llama-9"));
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.field()).isEqualTo("model");
    assertThat(e.getMessage()).contains("llama-9");
  }

  @Test
  void unknownSystem_namesLineAndField() throws IOException {
    InputException e = fail(VALID.replace("h100-sxm", "h900"));
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("system");
    assertThat(e.getMessage()).contains("h100-sxm");
  }

  @Test
  void unknownPreset_namesLineAndField() throws IOException {
    InputException e = fail(VALID.replace("preset: kivi-2", "preset: kivi-3"));
    assertThat(e.line()).isEqualTo(10);
    assertThat(e.field()).isEqualTo("strategies[1].preset");
    assertThat(e.getMessage()).contains("unknown preset 'kivi-3'").contains("kivi-2");
  }

  @Test
  void negativeBatch_namesLineAndField() throws IOException {
    InputException e = fail(VALID.replace("batch_size: 4", "batch_size: -4"));
    assertThat(e.field()).isEqualTo("workload.batch_size");
    assertThat(e.line()).isBetween(3, 4);
    assertThat(e.getMessage()).contains("positive");
  }

  @Test
  void missingField_namesIt() throws IOException {
    InputException e = fail(VALID.replace("  prompt_tokens: 1000\n", ""));
    assertThat(e.field()).isEqualTo("workload.prompt_tokens");
    assertThat(e.getMessage()).contains("missing");
  }

  @Test
  void fractionsNotSummingToOne_areRefused() throws IOException {
    InputException e = fail(VALID.replace("cpu: 0.5}", "cpu: 0.4}"));
    assertThat(e.field()).isEqualTo("strategies[1].offload.weights");
    assertThat(e.line()).isEqualTo(12);
    assertThat(e.getMessage()).contains("sum to 1");
  }

  @Test
  void unknownField_isRefused_withTheKnownOnes() throws IOException {
    InputException e = fail(VALID.replace("  batch_size: 4", "  batch: 4"));
    assertThat(e.getMessage()).contains("unknown field 'batch'").contains("batch_size");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void malformedYaml_givesLine() throws IOException {
    InputException e = fail(VALID.replace("  - preset: full-fp16", "  - preset: [full-fp16"));
    assertThat(e.line()).isPositive();
    assertThat(e.getMessage()).contains("s.yaml:");
  }

  @Test
  void wrongType_isRefused() throws IOException {
    InputException e = fail(VALID.replace("batch_size: 4", "batch_size: four"));
    assertThat(e.field()).isEqualTo("workload.batch_size");
    assertThat(e.getMessage()).contains("integer");
  }

  @Test
  void strategyNeedingCsd_onSystemWithout_isRefusedUpFront() throws IOException {
    InputException e = fail(VALID.replace("  - preset: full-fp16", "  - preset: instinfer"));
    assertThat(e.field()).isEqualTo("strategies[0]");
    assertThat(e.getMessage()).contains("csd").contains("h100-sxm");
  }

  @Test
  void duplicateStrategyNames_areRefused() throws IOException {
    InputException e = fail(VALID.replace("name: offload", "name: full-fp16"));
    assertThat(e.getMessage()).contains("duplicate strategy name");
  }

  @Test
  void emptyFile_isRefused() throws IOException {
    assertThat(fail("").getMessage()).contains("s.yaml");
  }

  @Test
  void missingFile_isRefused() {
    assertThatThrownBy(() -> LOADER.load(dir.resolve("nope.yaml")))
        .isInstanceOf(InputException.class).hasMessageContaining("file not found");
  }

  /** Random corruptions of a valid scenario: each loads or fails with an InputException, never anything else. */
  @Test
  void fuzz_corruptedScenarios_failOnlyWithInputException() throws IOException {
    Random random = new Random(20261126L);
    String[] junk = {"-1", "0", "x", "[", "{", "]", ": :", "1e309", "null", "~", "'", "\t", "  -", "999999999999"};
    String[] lines = VALID.split("\n");
    for (int i = 0; i < 400; i++) {
      StringBuilder sb = new StringBuilder();
      for (String line : lines) {
        int r = random.nextInt(12);
        if (r == 0) {
          continue; // drop the line
        } else if (r == 1) {
          int cut = random.nextInt(line.length() + 1);
          sb.append(line, 0, cut).append(junk[random.nextInt(junk.length)]);
        } else {
          sb.append(line);
        }
        sb.append('\n');
      }
      Path f = write(sb.toString());
      try {
        LOADER.load(f);
      } catch (InputException expected) {
        assertThat(expected.getMessage()).startsWith(f.toString());
      }
    }
  }
}
