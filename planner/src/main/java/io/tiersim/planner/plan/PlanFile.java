package io.tiersim.planner.plan;

import io.tiersim.model.io.Require;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.planner.candidate.CandidateConfig;
import io.tiersim.planner.space.Objective;
import java.util.List;

/**
 * A plan file as written: a scenario's model, system and workload, the base strategy (whole-run
 * knobs), the budgets, the candidate options (default: derived from the presets), how quality is
 * judged, what to search and how to solve.
 */
public record PlanFile(
    String name,
    String description,
    String model,
    String system,
    Workload workload,
    StrategyConfig base,
    BudgetsConfig budgets,
    List<CandidateConfig> candidates,
    QualityConfig quality,
    SearchConfig search,
    SolverSettings solver) {

  public PlanFile {
    Require.nonBlank(model, "model");
    Require.nonBlank(system, "system");
    Require.present(workload, "workload");
    Require.present(budgets, "budgets");
    candidates = candidates == null ? List.of() : List.copyOf(candidates);
  }

  /** Caps in the units people write: GiB, percent, milliseconds. Memory defaults to the tier's usable capacity. */
  public record BudgetsConfig(Double gpuGib, Double cpuGib, Double diskGib, Double qualityLossPct, Double tpotMs, Double ttftMs) {
    public BudgetsConfig {
      Require.nonNegative(Require.present(qualityLossPct, "quality_loss_pct"), "quality_loss_pct");
      nonNegative(gpuGib, "gpu_gib");
      nonNegative(cpuGib, "cpu_gib");
      nonNegative(diskGib, "disk_gib");
      if (tpotMs != null) {
        Require.positive(tpotMs, "tpot_ms");
      }
      if (ttftMs != null) {
        Require.positive(ttftMs, "ttft_ms");
      }
    }

    private static void nonNegative(Double v, String field) {
      if (v != null) {
        Require.nonNegative(v, field);
      }
    }
  }

  /**
   * The per-layer sensitivity: written inline ({@code sensitivity}), read from a file of the same
   * shape ({@code sensitivity_file}: a YAML or JSON list), or measured from KV tensors ({@code
   * kv_tensors}, .npy or .safetensors) as the relative error of the {@code reference} preset's
   * quantiser per layer. Absent: the documented default shape.
   */
  public record QualityConfig(List<Double> sensitivity, String sensitivityFile, String kvTensors, String reference) {}

  /** Batch sizes to choose from (default: the workload's) and the objective (default: throughput). */
  public record SearchConfig(List<Integer> batchSizes, Objective objective) {
    public SearchConfig {
      if (batchSizes != null) {
        Require.nonEmpty(batchSizes, "batch_sizes");
        for (Integer b : batchSizes) {
          Require.positive(Require.present(b, "batch_sizes"), "batch_sizes");
        }
      }
    }
  }

  /** Which solver ({@code exact}, {@code local-search}, {@code auto}), the local search's limit in seconds, and its seed. */
  public record SolverSettings(String kind, Double timeLimitS, Long seed) {
    public SolverSettings {
      if (timeLimitS != null) {
        Require.positive(timeLimitS, "time_limit_s");
      }
    }
  }
}
