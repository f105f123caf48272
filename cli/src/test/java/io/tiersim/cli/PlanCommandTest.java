package io.tiersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PlanCommandTest {
  static final Path BUNDLED = TiersimHome.scenarios().resolve("plans/llama-3.1-70b-h100-128k.yaml");
  static final String SMALL = """
      model: llama-3.1-8b
      system: h100-sxm
      workload: {batch_size: 4, prompt_tokens: 31744, generate_tokens: 1024, prefill_chunk_tokens: 8192}
      budgets: {gpu_gib: %s, quality_loss_pct: 1.0}
      search: {batch_sizes: [1, 4, 8]}
      solver: {kind: exact}
      """;

  @TempDir Path dir;

  @Test
  void plan_onTheBundledFile_printsRangesThroughputMemoryQualityGapAndTheUniformBaseline() {
    CliTest.Run r = CliTest.run("plan", "--solver", "exact", BUNDLED.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("llama-3.1-70b on hgx-h100x8").contains("layers  option").contains("throughput")
        .contains("quality loss").contains("gap to bound").contains("prefill peak").contains("Best uniform option")
        .contains("tiersim analytic engine");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void plan_out_writesAScenarioThatSimulateRuns() throws IOException {
    Path file = dir.resolve("small.yaml");
    Files.writeString(file, SMALL.formatted("60"));
    Path out = dir.resolve("plan.yaml");
    CliTest.Run r = CliTest.run("plan", "--json", "--out", out.toString(), file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{").contains("\"strategies\"");
    Scenario s = ScenarioLoader.bundled().load(out);
    assertThat(s.strategies()).hasSize(1);
    assertThat(CliTest.run("simulate", out.toString()).code()).isZero();
  }

  @Test
  void impossibleBudgets_sayWhichBudgetAndTheSmallestValueThatCould() throws IOException {
    Path file = dir.resolve("tight.yaml");
    Files.writeString(file, SMALL.formatted("5"));
    CliTest.Run r = CliTest.run("plan", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("tight.yaml:4").contains("budgets.gpu_gib").contains("cannot be met")
        .contains("smallest value that could");
  }

  @Test
  void badSolverOption_exitsTwo() {
    CliTest.Run r = CliTest.run("plan", "--solver", "greedy", BUNDLED.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--solver");
  }
}
