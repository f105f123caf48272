package io.tiersim.simulator.serving;

import io.tiersim.model.Tier;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.SchedulerConfig;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.memory.KvCacheSizer;
import io.tiersim.simulator.memory.KvLayerBytes;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;

/**
 * Where a serving run's bytes go, from the memory accounting: weights and the activation and
 * streaming peak of one iteration (the token budget in one pass, or every running sequence
 * decoding) are fixed per tier; what is left, on each tier the strategy puts KV on, holds paged KV
 * blocks (vLLM's PagedAttention). A block holds {@code blockTokens} stored tokens of one sequence
 * in every layer; its bytes per tier are the KV cache sizer's bytes per stored token at the
 * workload's mean length (exact for fp16 and per-token formats; per-sequence metadata such as
 * low-rank factors is spread over the tokens). Retention rules (H2O, StreamingLLM, SnapKV) cap
 * the stored tokens, so such sequences stop taking blocks.
 */
final class KvLayout {
  final int blockTokens;
  final double[] fixedBytes = new double[Tier.values().length];
  final double[] capacityBytes = new double[Tier.values().length];
  final double[] blockBytes = new double[Tier.values().length];
  final long totalBlocks;
  final long swapBlocks;
  final String shortfall;
  private final LayerPolicy first;

  KvLayout(ModelArchitecture model, MemoryAccountant accountant, Strategy s, SchedulerConfig cfg, double meanPrompt,
      double meanOutput) {
    this.blockTokens = cfg.blockTokens() != null ? cfg.blockTokens()
        : s.pagedBlockTokens() > 0 ? s.pagedBlockTokens() : 16;
    this.first = s.layer(0);
    MemoryReport prefill = accountant.account(s, new Workload(1, cfg.maxBatchTokens(), 1, null));
    MemoryReport decode = accountant.account(s, Workload.of(cfg.maxSequences(), 1, 1));
    long promptRef = Math.max(1, Math.round(meanPrompt));
    long ref = Math.max(blockTokens, Math.round(meanPrompt + meanOutput / 2));
    long storedRef = Math.max(1, KvCacheSizer.storedTokens(first, ref, promptRef, 0));
    for (Tier t : Tier.values()) {
      int i = t.ordinal();
      var pu = prefill.prefill().tier(t);
      var du = decode.decode().tier(t);
      capacityBytes[i] = pu.capacityBytes();
      fixedBytes[i] = pu.weightsBytes() + Math.max(pu.activationBytes() + pu.workspaceBytes(),
          du.activationBytes() + du.workspaceBytes());
    }
    for (LayerPolicy p : s.layers()) {
      KvLayerBytes b = KvCacheSizer.layerBytes(model, p, ref, promptRef, 0);
      for (Tier t : Tier.values()) {
        double perSeq = b.keyBytes() * p.keyPlacement().of(t) + b.valueBytes() * p.valuePlacement().of(t)
            + (t == Tier.GPU ? b.gpuSideBytes() : 0);
        blockBytes[t.ordinal()] += perSeq / storedRef * blockTokens;
      }
      fixedBytes[Tier.GPU.ordinal()] += b.sharedBytes();
    }
    long blocks = Long.MAX_VALUE;
    String why = null;
    for (Tier t : Tier.values()) {
      int i = t.ordinal();
      if (blockBytes[i] <= 0) {
        continue;
      }
      double free = (capacityBytes[i] - fixedBytes[i]) * (t == Tier.GPU ? cfg.kvMemoryFraction() : 1);
      long fit = free <= 0 ? 0 : (long) Math.floor(free / blockBytes[i]);
      if (fit < blocks) {
        blocks = fit;
        if (fit == 0) {
          why = String.format(java.util.Locale.ROOT, "weights and activations take %.2f GiB of the %s's %.2f GiB, "
              + "leaving no room for KV blocks", fixedBytes[i] / (1L << 30), t.key(), capacityBytes[i] / (1L << 30));
        }
      }
    }
    this.totalBlocks = blocks == Long.MAX_VALUE ? Long.MAX_VALUE / 4 : blocks;
    this.shortfall = why;
    int cpu = Tier.CPU.ordinal();
    double hostFree = capacityBytes[cpu] - fixedBytes[cpu] - totalBlocks * blockBytes[cpu];
    double perSwapped = blockBytes[Tier.GPU.ordinal()];
    this.swapBlocks = perSwapped <= 0 || hostFree <= 0 ? 0 : (long) Math.floor(hostFree / perSwapped);
  }

  /**
   * Blocks a sequence needs once {@code kvTokens} of its context are stored, as the first layer keeps
   * them (retention, sliding window); the block bytes above are normalised to that layer's tokens.
   */
  long blocksFor(long kvTokens, long promptTokens) {
    if (kvTokens <= 0) {
      return 0;
    }
    long stored = KvCacheSizer.storedTokens(first, kvTokens, promptTokens, 0);
    return (stored + blockTokens - 1) / blockTokens;
  }

  /** Bytes moved over the host link to swap a block out or in: its GPU part. */
  double swapBytesPerBlock() {
    return blockBytes[Tier.GPU.ordinal()];
  }
}
