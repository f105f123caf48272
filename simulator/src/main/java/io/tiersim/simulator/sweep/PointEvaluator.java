package io.tiersim.simulator.sweep;

import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.memory.CapacitySearch;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import io.tiersim.simulator.result.TierBytes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates cells with the same accountant, capacity search and analytic engine that {@code tiersim
 * simulate} uses, one set per block, built up front. The capacity searches depend on one length
 * axis less than the cell, so they are memoised: the largest batch per (variant, prompt, generate),
 * the longest prompt per (variant, batch, generate). Thread-safe; every value is a pure function of
 * its key, so a race computes the same number twice and never a different one.
 */
public final class PointEvaluator {
  private final SweepPlan plan;
  private final List<Engines> engines;
  private final Map<CapacityKey, Long> maxBatch = new ConcurrentHashMap<>();
  private final Map<CapacityKey, Long> maxPrompt = new ConcurrentHashMap<>();

  private record Engines(MemoryAccountant accountant, CapacitySearch capacity, AnalyticEngine engine) {}

  private record CapacityKey(int block, int variant, int length, int generate) {}

  public PointEvaluator(SweepPlan plan) {
    this.plan = plan;
    this.engines = plan.blocks().stream().map(b -> {
      MemoryAccountant a = new MemoryAccountant(b.model(), b.system());
      return new Engines(a, new CapacitySearch(a), new AnalyticEngine(b.model(), b.system(), plan.runtime()));
    }).toList();
  }

  public SweepPlan plan() {
    return plan;
  }

  /** The analytic engine of a block (the report prices operators and layers with it). */
  public AnalyticEngine engine(SweepPlan.Block block) {
    return engines.get(block.index()).engine();
  }

  public CellResult evaluate(Cell c) {
    Engines e = engines.get(c.block().index());
    Strategy s = c.variant().strategy();
    Workload w = c.workload();
    MemoryReport m = e.accountant().account(s, w);
    CapacityKey byPrompt = new CapacityKey(c.block().index(), c.variantIndex(), c.promptTokens(), c.generateTokens());
    CapacityKey byBatch = new CapacityKey(c.block().index(), c.variantIndex(), c.batchSize(), c.generateTokens());
    long batch = memo(maxBatch, byPrompt, () -> e.capacity().maxBatch(s, w));
    long prompt = memo(maxPrompt, byBatch, () -> e.capacity().maxPromptTokens(s, w));
    boolean byPositions = prompt == e.capacity().promptCeiling(w);
    boolean withinWindow = c.contextTokens() <= c.block().model().maxPositionEmbeddings();
    return new CellResult(c, m.fits(), withinWindow, TierBytes.rounded(m.peakBytes()), Math.round(m.kvCacheBytes()),
        Math.round(m.weightsBytes()), m.gpuPeakPhase().toString(), batch, prompt,
        byPositions ? "model_positions" : "memory", e.engine().estimate(s, w));
  }

  private static long memo(Map<CapacityKey, Long> cache, CapacityKey key, java.util.function.LongSupplier compute) {
    Long v = cache.get(key);
    if (v == null) {
      v = compute.getAsLong();
      cache.putIfAbsent(key, v);
    }
    return v;
  }
}
