package io.tiersim.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PlanLoaderTest {
  @TempDir Path dir;

  Path write(String text) throws IOException {
    Path f = dir.resolve("p.yaml");
    Files.writeString(f, text);
    return f;
  }

  static final String HEAD = """
      model: llama-3.1-8b
      system: h100-sxm
      workload: {batch_size: 4, prompt_tokens: 4096, generate_tokens: 256}
      """;

  @Test
  void bundledPlan_loadsWithTheDefaultCandidates() {
    PlanRequest r = Requests.bundled();
    assertThat(r.context().candidates()).hasSize(48);
    assertThat(r.batchSizes()).startsWith(1, 2, 4);
    assertThat(r.quality().sensitivity().layers()).isEqualTo(80);
  }

  @Test
  void badInput_namesFileLineAndField() throws IOException {
    assertThatThrownBy(() -> PlanLoader.bundled().load(write(HEAD + "budgets: {gpu_gib: 40}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("p.yaml:4").hasMessageContaining("budgets.quality_loss_pct");
    assertThatThrownBy(() -> PlanLoader.bundled().load(write(HEAD + "budgets: {quality_loss_pct: 1, gpu_gb: 4}\n")))
        .hasMessageContaining("unknown field 'gpu_gb'");
    assertThatThrownBy(() -> PlanLoader.bundled().load(write(HEAD + "budgets: {quality_loss_pct: 1}\ncandidates:\n  - use: [flexgen]\n")))
        .hasMessageContaining("p.yaml:6").hasMessageContaining("candidates[0].use");
    assertThatThrownBy(() -> PlanLoader.bundled().load(write(HEAD + "budgets: {quality_loss_pct: 1}\nquality: {sensitivity: [1, 2]}\n")))
        .hasMessageContaining("quality.sensitivity").hasMessageContaining("expected 32 values");
    assertThatThrownBy(() -> PlanLoader.bundled().load(write(HEAD + "budgets: {quality_loss_pct: 1}\nsolver: {kind: greedy}\n")))
        .hasMessageContaining("solver.kind");
    assertThatThrownBy(() -> PlanLoader.bundled().load(write(HEAD + "budgets: {quality_loss_pct: 1}\nbase: {kv: {key_bits: 4}}\n")))
        .hasMessageContaining("field 'base'").hasMessageContaining("belong in candidates");
  }

  @Test
  void candidates_andSensitivity_areReadAsWritten() throws IOException {
    StringBuilder s = new StringBuilder(HEAD + "budgets: {quality_loss_pct: 1}\ncandidates:\n  - use: [kivi-2]\n"
        + "  - {name: mine, kv: {key_bits: 3, value_bits: 3}, quality_loss_pct: 0.5, kv_cache: {cpu: 1}}\nquality:\n  sensitivity: [");
    for (int i = 0; i < 32; i++) {
      s.append(i == 0 ? "" : ", ").append(i == 0 ? 9 : 1);
    }
    s.append("]\n");
    PlanRequest r = PlanLoader.bundled().load(write(s.toString()));
    assertThat(r.context().candidates()).extracting(c -> c.name()).containsExactly("w16+kivi-2", "mine");
    assertThat(r.context().candidates().get(1).kvCache().cpu()).isEqualTo(1);
    assertThat(r.quality().sensitivity().weight(0)).isEqualTo(9 / (40.0 / 32));
  }
}
