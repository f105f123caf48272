package io.tiersim.planner.cost;

import io.tiersim.model.DataType;
import io.tiersim.model.Tier;
import io.tiersim.model.hardware.NvmeDrive;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.AttentionSite;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.TierFractions;
import io.tiersim.simulator.memory.KvCacheSizer;
import io.tiersim.simulator.memory.KvLayerBytes;
import io.tiersim.simulator.memory.WeightSizer;

/**
 * TEMPORARY stand-in, not the simulator's cost model: a peak-rate roofline that lets the planner
 * run until {@code io.tiersim.simulator.engine.AnalyticEngine} lands (then {@link
 * CostSources#forSystem} switches to it). Prefill: the larger of matrix and attention FLOPs at the
 * GPUs' dense fp16 tensor peak and the layer's HBM bytes at peak bandwidth. Decode, per step: the
 * larger of the FLOPs and the bytes read from HBM (weights once, every sequence's KV), with the
 * bytes that live off the GPU crossing the host link (or the drives) as separate {@code hostLinkS},
 * since they stream while other layers compute (FlexGen's overlap). No efficiency curves, no
 * kernel launch or dequantisation costs: absolute seconds are optimistic; the ranking of policies
 * follows the bytes each moves.
 */
public final class StandInRooflineCostSource implements LayerCostSource {
  private final ModelArchitecture model;
  private final double hbmBytesPerS;
  private final double flopsPerS;
  private final double hostLinkBytesPerS;
  private final double diskBytesPerS;
  private final double hostMemoryBytesPerS;

  public StandInRooflineCostSource(ModelArchitecture model, SystemProfile system) {
    this.model = model;
    int gpus = system.gpuCount();
    // Tensor parallelism: every GPU reads its shard at once, each over its own host link.
    this.hbmBytesPerS = system.gpu().hbmBandwidthBytesPerS() * gpus;
    this.flopsPerS = system.gpu().peakTensorFlopsPerS(DataType.FP16) * gpus;
    this.hostLinkBytesPerS = system.hostLink().hostToDeviceBytesPerS() * gpus;
    double disk = system.drives().stream().mapToDouble(NvmeDrive::readBytesPerS).sum();
    this.diskBytesPerS = disk > 0 ? Math.min(disk, hostLinkBytesPerS) : hostLinkBytesPerS;
    this.hostMemoryBytesPerS = system.hostMemory().bandwidthBytesPerS();
  }

  @Override
  public String name() {
    return "stand-in roofline (temporary; not the simulator's cost model)";
  }

  @Override
  public LayerCost price(Strategy s, int layer, Workload w) {
    LayerPolicy p = s.layer(layer);
    double weights = WeightSizer.layerBytes(model, layer, p.weights());
    double gpuWeights = weights * p.weightPlacement().gpu();
    double offWeights = weights - gpuWeights;
    return new LayerCost(prefillS(s, p, w, gpuWeights, offWeights), decodeS(s, p, w, gpuWeights, true),
        decodeS(s, p, w, offWeights, false));
  }

  private double prefillS(Strategy s, LayerPolicy p, Workload w, double gpuWeights, double offWeights) {
    long batch = w.batchSize();
    long prompt = w.promptTokens();
    long passes = (prompt + w.prefillPassTokens() - 1) / w.prefillPassTokens();
    double matrixFlops = 2.0 * model.layerMatrixParameterCount(p.layer()) * batch * prompt;
    // Causal attention: QK^T and PV over half the square on average.
    double attentionFlops = 2.0 * 2 * model.numAttentionHeads() * model.headDim() * prompt * (double) prompt / 2 * batch;
    double kvWritten = KvCacheSizer.layerBytes(model, p, prompt, prompt, s.pagedBlockTokens()).perSequence() * batch;
    double compute = Math.max((matrixFlops + attentionFlops) / flopsPerS, (gpuWeights * passes + kvWritten) / hbmBytesPerS);
    return compute + offWeights * passes / hostLinkBytesPerS;
  }

  /** GPU-side ({@code gpuSide}) or off-GPU seconds of all decode steps, by Simpson's rule over the context length. */
  private double decodeS(Strategy s, LayerPolicy p, Workload w, double weightBytes, boolean gpuSide) {
    int steps = w.generateTokens();
    if (steps == 0) {
      return 0;
    }
    long first = w.promptTokens();
    long last = first + steps - 1;
    double a = stepS(s, p, w, weightBytes, first, gpuSide);
    double m = stepS(s, p, w, weightBytes, (first + last) / 2, gpuSide);
    double b = stepS(s, p, w, weightBytes, last, gpuSide);
    return steps * (a + 4 * m + b) / 6;
  }

  private double stepS(Strategy s, LayerPolicy p, Workload w, double weightBytes, long context, boolean gpuSide) {
    long batch = w.batchSize();
    KvLayerBytes kv = KvCacheSizer.layerBytes(model, p, context, w.promptTokens(), s.pagedBlockTokens());
    double readShare = readShare(p, context, w.promptTokens(), s.pagedBlockTokens());
    double onGpu = kv.keyBytes() * p.keyPlacement().gpu() + kv.valueBytes() * p.valuePlacement().gpu();
    double offGpu = kv.keyBytes() + kv.valueBytes() - onGpu;
    if (gpuSide) {
      double flops = 2.0 * model.activeLayerMatrixParameterCount(p.layer()) * batch;
      double bytes = weightBytes + batch * (onGpu * readShare + kv.gpuSideBytes());
      return Math.max(flops / flopsPerS, bytes / hbmBytesPerS);
    }
    if (p.site() != AttentionSite.GPU) {
      // Attention where the cache lives: the host (or CSD) reads it; only weights cross the link.
      return weightBytes / hostLinkBytesPerS + batch * offGpu * readShare / hostMemoryBytesPerS;
    }
    return weightBytes / hostLinkBytesPerS + batch * offGpuSeconds(p, kv, readShare);
  }

  private double offGpuSeconds(LayerPolicy p, KvLayerBytes kv, double readShare) {
    double s = 0;
    for (Tier t : new Tier[] {Tier.CPU, Tier.DISK, Tier.CSD}) {
      double bytes = (kv.keyBytes() * share(p.keyPlacement(), t) + kv.valueBytes() * share(p.valuePlacement(), t)) * readShare;
      s += bytes / (t == Tier.CPU ? hostLinkBytesPerS : diskBytesPerS);
    }
    return s;
  }

  private static double share(TierFractions f, Tier t) {
    return f.of(t);
  }

  /** Fraction of the stored cache one step reads (sparse reads such as ShadowKV's read a budget). */
  private static double readShare(LayerPolicy p, long context, long prompt, int paged) {
    if (p.sparse() == null) {
      return 1;
    }
    long stored = KvCacheSizer.storedTokens(p, context, prompt, paged);
    return stored == 0 ? 0 : (double) p.sparse().tokensRead(stored) / stored;
  }

  @Override
  public RunCost remainder(Strategy s, Workload w) {
    double embedding = WeightSizer.embeddingBytes(model, s.embeddingWeights());
    double onGpu = embedding * s.embeddingPlacement().gpu();
    long batch = w.batchSize();
    // The LM head runs once per sequence at the end of prefill and once per decode step.
    double headFlops = 2.0 * model.embeddingMatrixParameterCount() / 2 * batch;
    double step = Math.max(headFlops / flopsPerS, onGpu / hbmBytesPerS);
    double link = (embedding - onGpu) / hostLinkBytesPerS;
    return new RunCost(step + link, step * w.generateTokens(), link * w.generateTokens());
  }
}
