package io.tiersim.simulator.memory;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.AttentionSite;
import io.tiersim.model.strategy.CacheGrowth;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.TierFractions;
import java.util.EnumMap;
import java.util.Map;

/**
 * Accounts every byte of a run on every tier at the peak of prefill and of decode.
 *
 * <ul>
 *   <li>Weights: each layer's bytes split by its placement; embeddings by theirs.
 *   <li>KV cache: per layer, keys and values split by their placements, for the prompt plus all
 *       but the last generated token. A contiguous cache is allocated for that length before
 *       prefill (FlexGen, static caches), so it counts in both phases; a paged or concatenated
 *       cache grows, so prefill holds only the prompt's KV. A concatenated cache holds the
 *       previous step's copy too at the end of each decode step ({@link CacheConcatenation}). The uncompressed KV of the layer being computed is
 *       part of that layer's activations (its k and v).
 *   <li>Activations: the hidden states of the whole batch between layers (on the activation
 *       placement) and the transient tensors of one layer for one GPU batch (on the GPU); in
 *       prefill, for one pass (the whole prompt, or one chunk attending to the whole prompt).
 *   <li>Workspace: GPU buffers for streamed weights and KV when they live elsewhere (the layer in
 *       use and the one prefetched, as FlexGen double-buffers).
 * </ul>
 * With several GPUs, weights, KV and activations split evenly (tensor parallelism), so the GPU
 * tier's capacity is the sum over GPUs, each less its runtime reserve.
 */
public final class MemoryAccountant {
  /** Buffers of a streamed tensor: the one in use and the one being prefetched. */
  static final int STREAM_BUFFERS = 2;

  private final ModelArchitecture model;
  private final SystemProfile system;

  public MemoryAccountant(ModelArchitecture model, SystemProfile system) {
    this.model = model;
    this.system = system;
  }

  public MemoryReport account(Strategy s, Workload w) {
    long batch = w.batchSize();
    long gpuBatch = gpuBatch(s, batch);
    long prompt = w.promptTokens();
    long context = w.kvTokens();
    Map<Tier, TierUsage> prefill = emptyTiers();
    Map<Tier, TierUsage> decode = emptyTiers();
    double weightsTotal = addWeights(s, prefill) ;
    addWeights(s, decode);
    double kvTotal = addKv(s, decode, batch, context, prompt, false);
    addConcatenationCopies(s, decode, batch, context, prompt);
    boolean chunked = w.prefillPassTokens() < prompt;
    addKv(s, prefill, batch, grows(s) ? prompt : context, prompt, chunked);
    addActivations(s, prefill, batch, gpuBatch, w.prefillPassTokens(), prompt);
    addActivations(s, decode, batch, gpuBatch, 1, context);
    addStreamingWorkspace(s, prefill, gpuBatch, prompt, prompt);
    addStreamingWorkspace(s, decode, gpuBatch, context, prompt);
    return new MemoryReport(new PhaseMemory(Phase.PREFILL, prefill), new PhaseMemory(Phase.DECODE, decode), kvTotal, weightsTotal);
  }

  public ModelArchitecture model() {
    return model;
  }

  /** Sequences computed together: FlexGen's GPU batch, or the whole batch. */
  public static long gpuBatch(Strategy s, long batch) {
    if (s.gpuBatchSize() > 0) {
      return Math.min(s.gpuBatchSize(), batch);
    }
    return KvCacheSizer.ceilDiv(batch, s.numGpuBatches());
  }

  private Map<Tier, TierUsage> emptyTiers() {
    Map<Tier, TierUsage> m = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      m.put(t, new TierUsage(t, 0, 0, 0, 0, usableCapacity(t)));
    }
    return m;
  }

  /** Capacity that tensors can use: the GPU loses its runtime reserve on every GPU. */
  public double usableCapacity(Tier t) {
    double cap = system.tierCapacityBytes(t);
    if (t == Tier.GPU) {
      cap -= (double) system.runtimeReserveBytesPerGpu() * system.gpuCount();
    }
    return cap;
  }

  private double addWeights(Strategy s, Map<Tier, TierUsage> tiers) {
    double total = WeightSizer.embeddingBytes(model, s.embeddingWeights());
    spread(tiers, s.embeddingPlacement(), total, Kind.WEIGHTS);
    for (LayerPolicy p : s.layers()) {
      double bytes = WeightSizer.layerBytes(model, p.layer(), p.weights());
      spread(tiers, p.weightPlacement(), bytes, Kind.WEIGHTS);
      total += bytes;
    }
    return total;
  }

  /**
   * @param uncompressedPrompt whether retention that scores the whole prompt (H2O, SnapKV) still
   *     holds every layer's full prompt KV: with chunked prefill, later chunks attend to earlier
   *     ones in every layer, so no layer can be compressed before the last chunk
   */
  private double addKv(Strategy s, Map<Tier, TierUsage> tiers, long batch, long context, long prompt,
      boolean uncompressedPrompt) {
    double total = 0;
    for (LayerPolicy p : s.layers()) {
      KvLayerBytes b = KvCacheSizer.layerBytes(model, p, context, prompt, s.pagedBlockTokens());
      if (uncompressedPrompt && p.retention() != null && p.retention().scoresWholePrompt()) {
        b = KvCacheSizer.layerBytes(model, p.withoutRetention(), prompt, prompt, s.pagedBlockTokens());
      }
      spread(tiers, p.keyPlacement(), b.keyBytes() * batch, Kind.KV);
      spread(tiers, p.valuePlacement(), b.valueBytes() * batch, Kind.KV);
      put(tiers, Tier.GPU, b.gpuSideBytes() * batch + b.sharedBytes(), Kind.KV);
      total += b.forBatch(batch);
    }
    return total;
  }


  /**
   * Whether the cache grows with the context rather than being allocated at its final length
   * before prefill: paged caches, and caches grown by concatenation.
   */
  private static boolean grows(Strategy s) {
    return s.pagedBlockTokens() > 0 || s.layers().stream().anyMatch(p -> p.growth() == CacheGrowth.CONCATENATED);
  }

  /** A cache grown by concatenation holds the previous step's copy of what it re-creates until the step ends. */
  private void addConcatenationCopies(Strategy s, Map<Tier, TierUsage> tiers, long batch, long context, long prompt) {
    for (LayerPolicy p : s.layers()) {
      if (p.growth() == CacheGrowth.CONCATENATED) {
        KvLayerBytes b = CacheConcatenation.duplicatedAtPeak(model, p, context, prompt, s.pagedBlockTokens());
        spread(tiers, p.keyPlacement(), b.keyBytes() * batch, Kind.KV);
        spread(tiers, p.valuePlacement(), b.valueBytes() * batch, Kind.KV);
      }
    }
  }

  private void addActivations(Strategy s, Map<Tier, TierUsage> tiers, long batch, long gpuBatch, long queries, long keys) {
    double transient_ = 0;
    for (LayerPolicy p : s.layers()) {
      long attendedKeys = p.site() == AttentionSite.GPU ? keys : 0;
      transient_ = Math.max(transient_, ActivationSizer.layerBytes(model, p, gpuBatch, queries, attendedKeys));
    }
    put(tiers, Tier.GPU, transient_ + ActivationSizer.logitsBytes(model, gpuBatch), Kind.ACTIVATIONS);
    // Hidden states of the batches waiting in the block live on the activation placement.
    double waiting = ActivationSizer.residualStreamBytes(model, batch - gpuBatch, queries);
    spread(tiers, s.activationPlacement(), waiting, Kind.ACTIVATIONS);
  }

  private void addStreamingWorkspace(Strategy s, Map<Tier, TierUsage> tiers, long gpuBatch, long context, long prompt) {
    double weights = 0;
    double kv = 0;
    for (LayerPolicy p : s.layers()) {
      double offGpuWeights = 1 - p.weightPlacement().gpu();
      weights = Math.max(weights, offGpuWeights * WeightSizer.layerBytes(model, p.layer(), p.weights()));
      if (p.site() == AttentionSite.GPU) {
        KvLayerBytes b = KvCacheSizer.layerBytes(model, p, context, prompt, s.pagedBlockTokens());
        double offGpu = (1 - p.keyPlacement().gpu()) * b.keyBytes() + (1 - p.valuePlacement().gpu()) * b.valueBytes();
        kv = Math.max(kv, offGpu * gpuBatch);
      }
    }
    put(tiers, Tier.GPU, STREAM_BUFFERS * (weights + kv), Kind.WORKSPACE);
  }

  private enum Kind { WEIGHTS, KV, ACTIVATIONS, WORKSPACE }

  private static void spread(Map<Tier, TierUsage> tiers, TierFractions f, double bytes, Kind kind) {
    for (Tier t : Tier.values()) {
      double share = f.of(t);
      if (share > 0) {
        put(tiers, t, share * bytes, kind);
      }
    }
  }

  private static void put(Map<Tier, TierUsage> tiers, Tier t, double bytes, Kind kind) {
    if (bytes == 0) {
      return;
    }
    TierUsage u = tiers.get(t);
    tiers.put(t, switch (kind) {
      case WEIGHTS -> u.plus(bytes, 0, 0, 0);
      case KV -> u.plus(0, bytes, 0, 0);
      case ACTIVATIONS -> u.plus(0, 0, bytes, 0);
      case WORKSPACE -> u.plus(0, 0, 0, bytes);
    });
  }
}
