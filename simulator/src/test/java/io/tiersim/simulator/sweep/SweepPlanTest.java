package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SweepPlanTest {
  @TempDir Path dir;

  @Test
  void grid_countsEveryAxis_andSkipsStrategiesTheSystemCannotRun() {
    SweepPlan p = SweepFixtures.load(dir, SweepFixtures.SMALL);
    // full-fp16 once, snapkv and streamingllm once per budget: 5 variants; instinfer only on the CSD system.
    assertThat(p.blocks()).extracting(b -> b.variants().size()).containsExactly(5, 6);
    assertThat(p.cellCount()).isEqualTo((5 + 6) * 2 * 2);
    assertThat(p.pointCount()).isEqualTo(p.cellCount() * 2);
    assertThat(p.skipped()).singleElement().asString().contains("instinfer").contains("h100-sxm").contains("csd");
  }

  @Test
  void cells_runVariantsFastest_thenBatches_thenLengths() {
    SweepPlan p = SweepFixtures.load(dir, SweepFixtures.SMALL);
    List<String> first = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Cell c = p.cell(i);
      first.add(c.variant().name() + "/" + c.variant().budgetTokens() + "/b" + c.batchSize() + "/" + c.contextTokens());
    }
    assertThat(first).containsExactly("full-fp16/null/b1/4096", "snapkv/512/b1/4096", "snapkv/1024/b1/4096",
        "streamingllm/512/b1/4096", "streamingllm/1024/b1/4096", "full-fp16/null/b8/4096");
    Cell last = p.cell(p.cellCount() - 1);
    assertThat(last.block().system().id()).isEqualTo("a6000-csd");
    assertThat(last.variant().name()).isEqualTo("instinfer");
    assertThat(last.contextTokens()).isEqualTo(16384);
  }

  @Test
  void contextAxis_isPromptPlusGenerated() {
    Cell c = SweepFixtures.load(dir, SweepFixtures.SMALL).cell(0);
    assertThat(c.promptTokens()).isEqualTo(4096 - 128);
    assertThat(c.generateTokens()).isEqualTo(128);
  }

  @Test
  void budget_setsSnapKvBudget_andStreamingWindowLessSinks() {
    SweepPlan p = SweepFixtures.load(dir, SweepFixtures.SMALL);
    List<Variant> v = p.blocks().get(0).variants();
    assertThat(v.get(1).budgetTokens()).isEqualTo(512);
    assertThat(v.get(1).strategy().layer(0).retention().budgetTokens()).isEqualTo(512);
    assertThat(v.get(0).budgetTokens()).isNull();
    Variant streaming = v.get(4);
    assertThat(streaming.budgetTokens()).isEqualTo(1024);
    assertThat(streaming.strategy().layer(0).retention().sinkTokens() + streaming.strategy().layer(0).retention().windowTokens())
        .isEqualTo(1024);
  }

  @Test
  void fingerprint_ignoresComments_butNotValues() {
    String a = SweepFixtures.load(dir, SweepFixtures.SMALL).fingerprint();
    String b = SweepFixtures.load(dir, "# another comment\n" + SweepFixtures.SMALL).fingerprint();
    String c = SweepFixtures.load(dir, SweepFixtures.SMALL.replace("ttft_s: 5", "ttft_s: 6")).fingerprint();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }
}
