package io.tiersim.simulator.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.model.quality.MethodLoss;
import io.tiersim.model.quality.MethodLosses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Capacity answers read off a finished sweep, in one pass over its rows in grid order: the fewest
 * GPUs of each system type that serve each demand within the SLOs, the largest batch per GPU and
 * the longest context that fit, and the Pareto front of generation throughput, GPU memory and
 * quality loss across strategies and batch sizes. Quality is each row's {@code quality_loss_pct}:
 * the whole-model loss of its strategy from the per-method table {@code method-losses.yaml} in the
 * model module (every row cited with its derivation, some marked {@code recalled}, that is not
 * checked against the paper), read by {@link io.tiersim.model.quality.StrategyQuality}. Points of
 * unknown quality are kept out of the front and counted ({@link #QUALITY_NOTE}).
 */
@JsonPropertyOrder({"quality", "cheapest_gpus", "max_batch_per_gpu", "max_context", "pareto_front"})
public record SweepAnswers(
    String quality,
    List<CheapestGpus> cheapestGpus,
    List<MaxBatch> maxBatchPerGpu,
    List<MaxContext> maxContext,
    List<ParetoGroup> paretoFront) {

  /** What the quality objective is and where its numbers come from (written as the answers' {@code quality}). */
  public static final String QUALITY_NOTE = qualityNote();

  private static String qualityNote() {
    List<String> unchecked = MethodLosses.all().stream().filter(m -> "recalled".equals(m.basis()))
        .map(MethodLoss::method).toList();
    return "an objective of the Pareto front, minimised: quality_loss_pct, the whole-model loss of each strategy from "
        + "the per-method table method-losses.yaml (every row cited with its derivation"
        + (unchecked.isEmpty() ? "" : "; rows not checked against the paper: " + String.join(", ", unchecked))
        + "), the row of the strategy's preset plus weights-int<bits> for quantised weights, 0 for fp16 everywhere; "
        + "the rows come from different models and benchmarks, so the loss ranks strategies rather than predicting a "
        + "score; points of unknown quality (a method the table lacks, or KV knobs or a KV budget changed away from the "
        + "preset's) are kept out of the front and counted";
  }

  /**
   * The system of one type that serves a demand (a model, lengths and a request rate) with the
   * fewest GPUs; strategy and the rest are null when no point of the sweep meets the SLOs.
   *
   * @param cheapest whether this system type needs the fewest GPUs of all types for the demand
   */
  public record CheapestGpus(String model, int promptTokens, int generateTokens, double requestRatePerS, String system,
      String strategy, Integer kvBudgetTokens, Integer batchSize, Long replicas, Long gpus, Double ttftS, Double tpotS,
      boolean cheapest) {}

  /**
   * @param maxBatchPerGpu the largest batch that fits (memory) over the system's GPUs
   * @param largestBatchMeetingSlo the largest batch of the grid that fits and meets the SLOs, or null
   */
  public record MaxBatch(String model, String system, String strategy, Integer kvBudgetTokens, int promptTokens,
      int generateTokens, long maxBatchSize, double maxBatchPerGpu, Integer largestBatchMeetingSlo) {}

  /** The longest context (prompt plus generated) that fits a batch, and what stops a longer one. */
  public record MaxContext(String model, String system, String strategy, Integer kvBudgetTokens, int batchSize,
      int generateTokens, long maxContextTokens, String limitedBy) {}

  /**
   * The non-dominated (strategy, batch) choices for one model, system and context.
   *
   * @param unknownQualityPoints servable (strategy, batch) choices kept out of the front because their
   *     quality is unknown
   */
  public record ParetoGroup(String model, String system, int promptTokens, int generateTokens, List<ParetoPoint> front,
      int unknownQualityPoints) {}

  /** One choice of a front; its quality is always known. */
  public record ParetoPoint(String strategy, Integer kvBudgetTokens, int batchSize, double generationTokensPerS,
      long gpuPeakBytes, double qualityLossPct) {}

  /** Accumulates rows in grid order; memory grows with the answers, not with the rows. */
  static final class Builder {
    private record Demand(String model, int prompt, int generate, double rate) {}

    private record VariantLengths(String model, String system, String strategy, Integer budget, int a, int generate) {}

    private record Group(String model, String system, int prompt, int generate) {}

    private final Map<Demand, Map<String, CheapestGpus>> cheapest = new LinkedHashMap<>();
    private final Map<VariantLengths, MaxBatch> maxBatch = new LinkedHashMap<>();
    private final Map<VariantLengths, MaxContext> maxContext = new LinkedHashMap<>();
    private final List<ParetoGroup> fronts = new ArrayList<>();
    private Group group;
    private final Map<List<Object>, ParetoPoint> groupPoints = new LinkedHashMap<>();
    private final Set<List<Object>> groupUnknown = new HashSet<>();

    void add(PointRow r) {
      if (r.requestRatePerS() != null) {
        addDemand(r);
      }
      VariantLengths byPrompt = new VariantLengths(r.model(), r.system(), r.strategy(), r.kvBudgetTokens(), r.promptTokens(), r.generateTokens());
      MaxBatch mb = maxBatch.get(byPrompt);
      Integer sloBatch = r.meetsSlo() ? Integer.valueOf(r.batchSize()) : null;
      if (mb == null) {
        maxBatch.put(byPrompt, new MaxBatch(r.model(), r.system(), r.strategy(), r.kvBudgetTokens(), r.promptTokens(),
            r.generateTokens(), r.maxBatchSize(), (double) r.maxBatchSize() / r.gpus(), sloBatch));
      } else if (sloBatch != null && (mb.largestBatchMeetingSlo() == null || sloBatch > mb.largestBatchMeetingSlo())) {
        maxBatch.put(byPrompt, new MaxBatch(mb.model(), mb.system(), mb.strategy(), mb.kvBudgetTokens(), mb.promptTokens(),
            mb.generateTokens(), mb.maxBatchSize(), mb.maxBatchPerGpu(), sloBatch));
      }
      VariantLengths byBatch = new VariantLengths(r.model(), r.system(), r.strategy(), r.kvBudgetTokens(), r.batchSize(), r.generateTokens());
      maxContext.putIfAbsent(byBatch, new MaxContext(r.model(), r.system(), r.strategy(), r.kvBudgetTokens(), r.batchSize(),
          r.generateTokens(), r.maxPromptTokens() == 0 ? 0 : r.maxPromptTokens() + r.generateTokens(), r.maxPromptLimitedBy()));
      addToFront(r);
    }

    private void addDemand(PointRow r) {
      Map<String, CheapestGpus> bySystem = cheapest.computeIfAbsent(
          new Demand(r.model(), r.promptTokens(), r.generateTokens(), r.requestRatePerS()), k -> new LinkedHashMap<>());
      CheapestGpus best = bySystem.get(r.system());
      boolean better = r.gpusNeeded() != null && (best == null || best.gpus() == null || r.gpusNeeded() < best.gpus());
      if (better) {
        bySystem.put(r.system(), new CheapestGpus(r.model(), r.promptTokens(), r.generateTokens(), r.requestRatePerS(),
            r.system(), r.strategy(), r.kvBudgetTokens(), r.batchSize(), r.replicasNeeded(), r.gpusNeeded(), r.ttftS(),
            r.tpotS(), false));
      } else if (best == null) {
        bySystem.put(r.system(), new CheapestGpus(r.model(), r.promptTokens(), r.generateTokens(), r.requestRatePerS(),
            r.system(), null, null, null, null, null, null, null, false));
      }
    }

    private void addToFront(PointRow r) {
      Group g = new Group(r.model(), r.system(), r.promptTokens(), r.generateTokens());
      if (!g.equals(group)) {
        closeGroup();
        group = g;
      }
      if (!r.servable()) {
        return;
      }
      List<Object> choice = List.of(r.strategy(), Objects.toString(r.kvBudgetTokens()), r.batchSize());
      if (r.qualityLossPct() == null) {
        groupUnknown.add(choice);
      } else {
        groupPoints.putIfAbsent(choice, new ParetoPoint(r.strategy(), r.kvBudgetTokens(), r.batchSize(),
            r.generationTokensPerS(), r.gpuPeakBytes(), r.qualityLossPct()));
      }
    }

    private void closeGroup() {
      if (group != null) {
        fronts.add(new ParetoGroup(group.model(), group.system(), group.prompt(), group.generate(),
            front(new ArrayList<>(groupPoints.values())), groupUnknown.size()));
      }
      groupPoints.clear();
      groupUnknown.clear();
    }

    SweepAnswers build() {
      closeGroup();
      group = null;
      List<CheapestGpus> demands = new ArrayList<>();
      for (Map<String, CheapestGpus> bySystem : cheapest.values()) {
        long fewest = bySystem.values().stream().filter(c -> c.gpus() != null).mapToLong(CheapestGpus::gpus).min().orElse(-1);
        for (CheapestGpus c : bySystem.values()) {
          boolean isCheapest = c.gpus() != null && c.gpus() == fewest;
          demands.add(isCheapest ? new CheapestGpus(c.model(), c.promptTokens(), c.generateTokens(), c.requestRatePerS(),
              c.system(), c.strategy(), c.kvBudgetTokens(), c.batchSize(), c.replicas(), c.gpus(), c.ttftS(), c.tpotS(), true) : c);
        }
      }
      return new SweepAnswers(QUALITY_NOTE, demands, List.copyOf(maxBatch.values()), List.copyOf(maxContext.values()),
          List.copyOf(fronts));
    }
  }

  /**
   * The points no other point beats on all three objectives: at least as much generation
   * throughput, at most as much GPU memory and at most as much quality loss, better on one. Ordered
   * by memory, then throughput (highest first), then loss; exact ties keep the first in grid order.
   */
  static List<ParetoPoint> front(List<ParetoPoint> points) {
    List<ParetoPoint> sorted = new ArrayList<>(points);
    // Stable: a point's dominators, and its earlier exact twins, all sort before it.
    sorted.sort(Comparator.comparingLong(ParetoPoint::gpuPeakBytes)
        .thenComparing(Comparator.comparingDouble(ParetoPoint::generationTokensPerS).reversed())
        .thenComparingDouble(ParetoPoint::qualityLossPct));
    List<ParetoPoint> front = new ArrayList<>();
    for (ParetoPoint p : sorted) {
      // Anything dominated by a dropped point is dominated by the front point that dropped it.
      if (front.stream().noneMatch(f -> atLeastAsGood(f, p))) {
        front.add(p);
      }
    }
    return front;
  }

  /** Whether {@code a} is as good as {@code b} on every objective (it dominates b or ties it exactly). */
  static boolean atLeastAsGood(ParetoPoint a, ParetoPoint b) {
    return a.generationTokensPerS() >= b.generationTokensPerS() && a.gpuPeakBytes() <= b.gpuPeakBytes()
        && a.qualityLossPct() <= b.qualityLossPct();
  }
}
