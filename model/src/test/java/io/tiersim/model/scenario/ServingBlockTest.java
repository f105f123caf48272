package io.tiersim.model.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optional serving: and event: blocks of a scenario. */
final class ServingBlockTest {
  static final String HEAD = String.join("\n", "model: llama-3.1-8b", "system: h100-sxm", "strategies:",
      "  - preset: full-fp16", "  - preset: snapkv", "");

  @TempDir Path dir;

  Path write(String text) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, text);
    return f;
  }

  InputException fail(String text) throws IOException {
    Path f = write(text);
    InputException e = catchThrowableOfType(InputException.class, () -> ScenarioLoader.bundled().load(f));
    assertThat(e).as("expected an InputException").isNotNull();
    return e;
  }

  @Test
  void servingScenario_needsNoWorkload_andTakesDefaults() throws IOException {
    Scenario s = ScenarioLoader.bundled().load(write(HEAD + String.join("\n", "serving:", "  arrival:",
        "    kind: poisson", "    rate_per_s: 2", "    requests: 10", "    prompt_tokens: {mean: 100}",
        "    output_tokens: {distribution: uniform, min: 1, max: 20}", "")));
    assertThat(s.workload()).isNull();
    assertThat(s.serving().scheduler().maxBatchTokens()).isEqualTo(8192);
    assertThat(s.serving().arrival().seed()).isEqualTo(1L);
    assertThat(s.event().prefetchDepth()).isEqualTo(1);
  }

  @Test
  void badServingField_namesLineAndField() throws IOException {
    InputException e = fail(HEAD + String.join("\n", "serving:", "  arrival:", "    kind: poisson",
        "    rate_per_s: -2", "    requests: 10", "    prompt_tokens: {mean: 100}", "    output_tokens: {mean: 10}", ""));
    assertThat(e.getMessage()).contains("serving.arrival.rate_per_s").contains("positive");
    assertThat(e.line()).isEqualTo(9);
  }

  @Test
  void withoutServing_theWorkloadIsStillRequired() throws IOException {
    assertThat(fail(HEAD).getMessage()).contains("workload");
  }

  @Test
  void speculativePair_mustNameStrategiesOfTheScenario() throws IOException {
    InputException e = fail(HEAD + String.join("\n", "workload: {batch_size: 1, prompt_tokens: 10, generate_tokens: 2}",
        "event:", "  speculative: {target: full-fp16, draft: nope, draft_tokens: 4, acceptance_rate: 0.7}", ""));
    assertThat(e.field()).isEqualTo("event.speculative.draft");
    assertThat(e.problem()).contains("nope").contains("snapkv");
  }
}
