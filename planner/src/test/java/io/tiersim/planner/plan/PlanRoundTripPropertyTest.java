package io.tiersim.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.Tier;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.planner.cost.CostSources;
import io.tiersim.planner.space.BudgetDimension;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: whatever the budgets, a plan written as a scenario, loaded back by the scenario loader
 * and re-simulated by the memory accountant fits every memory budget, and its quality proxy fits
 * the quality budget.
 */
final class PlanRoundTripPropertyTest {
  static final double GIB = 1L << 30;

  @TempDir Path dir;

  static String planFile(double gpuGib, double cpuGib, double quality, String solver) {
    return String.format(Locale.ROOT, """
        model: llama-3.1-8b
        system: h100-sxm
        workload: {batch_size: 4, prompt_tokens: 31744, generate_tokens: 1024, prefill_chunk_tokens: 8192}
        budgets: {gpu_gib: %.3f, cpu_gib: %.3f, quality_loss_pct: %.3f}
        search: {batch_sizes: [1, 4, 16, 32]}
        solver: {kind: %s, time_limit_s: 0.5, seed: 3}
        """, gpuGib, cpuGib, quality, solver);
  }

  @Test
  void plans_underRandomBudgets_fitWhenWrittenLoadedAndReSimulated() throws IOException {
    Random rnd = new Random(2024);
    int feasible = 0;
    for (int i = 0; i < 8; i++) {
      double gpu = 20 + 60 * rnd.nextDouble();
      double cpu = 5 + 100 * rnd.nextDouble();
      double quality = 0.2 + 2 * rnd.nextDouble();
      String solver = i % 2 == 0 ? "exact" : "local-search";
      Path file = dir.resolve("plan-" + i + ".yaml");
      Files.writeString(file, planFile(gpu, cpu, quality, solver));
      PlanRequest request = PlanLoader.bundled().load(file);
      PlanResult result = new Planner(CostSources.forSystem(request.context().model(), request.context().system())).plan(request);
      if (!result.feasible()) {
        assertThat(result.solve().shortfalls()).as("budgets %.1f/%.1f/%.2f", gpu, cpu, quality).isNotEmpty();
        continue;
      }
      feasible++;
      assertThat(result.solve().metrics().use(BudgetDimension.QUALITY)).isLessThanOrEqualTo(quality * (1 + 1e-9));
      Path out = dir.resolve("plan-" + i + ".out.yaml");
      Files.writeString(out, PlanWriter.yaml(result));
      Scenario loaded = ScenarioLoader.bundled().load(out);
      assertThat(loaded.workload().batchSize()).isEqualTo(result.batchSize());
      MemoryReport m = new MemoryAccountant(loaded.model(), loaded.system()).account(loaded.strategies().get(0), loaded.workload());
      assertThat(m.fits()).isTrue();
      assertThat(m.peakBytes(Tier.GPU)).as("GPU, budget %.2f GiB", gpu).isLessThanOrEqualTo(gpu * GIB * (1 + 1e-9));
      assertThat(m.peakBytes(Tier.CPU)).as("CPU, budget %.2f GiB", cpu).isLessThanOrEqualTo(cpu * GIB * (1 + 1e-9));
      assertThat(m.peakBytes(Tier.GPU)).isEqualTo(result.memory().peakBytes(Tier.GPU));
    }
    assertThat(feasible).as("feasible draws").isGreaterThanOrEqualTo(4);
  }

  @Test
  void jsonOutput_isAScenarioToo() throws IOException {
    Path file = dir.resolve("plan.yaml");
    Files.writeString(file, planFile(60, 100, 1, "exact"));
    PlanRequest request = PlanLoader.bundled().load(file);
    PlanResult result = new Planner(CostSources.forSystem(request.context().model(), request.context().system())).plan(request);
    Path out = dir.resolve("plan.json");
    Files.writeString(out, PlanWriter.json(result));
    Scenario loaded = ScenarioLoader.bundled().load(out);
    assertThat(loaded.strategies()).singleElement().satisfies(s -> assertThat(s.layers()).hasSize(32));
    for (int l = 0; l < 32; l++) {
      assertThat(loaded.strategies().get(0).layer(l)).isEqualTo(result.plan().layer(l));
    }
  }
}
