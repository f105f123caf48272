package io.tiersim.simulator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.OffloadConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.model.strategy.TierFractions;
import org.junit.jupiter.api.Test;

/** Placement across tiers, streaming buffers, chunked prefill and the context-window cap. */
final class OffloadAndPrefillTest {
  static final ModelArchitecture OPT_30B = ModelCatalog.get("opt-30b");
  static final MemoryAccountant T4 = new MemoryAccountant(OPT_30B, HardwareCatalog.bundled().system("t4-flexgen"));

  static Strategy offload(double weightsOnGpu, double kvOnGpu) {
    OffloadConfig off = new OffloadConfig(new TierFractions(weightsOnGpu, 1 - weightsOnGpu, null, null),
        new TierFractions(kvOnGpu, 1 - kvOnGpu, null, null), null, null, null, null, false, null, null, null, null);
    return StrategyResolver.resolve(new StrategyConfig("o", null, null, null, null, null, null, null, null, null, off, null, null), OPT_30B);
  }

  @Test
  void weightsSplitByTheirFractions_acrossGpuAndCpu() {
    MemoryReport r = T4.account(offload(0.25, 1), Workload.of(1, 512, 32));
    double gpu = r.decode().tier(Tier.GPU).weightsBytes();
    double cpu = r.decode().tier(Tier.CPU).weightsBytes();
    assertThat(gpu + cpu).isCloseTo(r.weightsBytes(), within(1.0));
    // layers split 25/75; embeddings follow the same placement
    assertThat(gpu / (gpu + cpu)).isCloseTo(0.25, within(1e-9));
  }

  @Test
  void offloadedWeights_needTwoLayerBuffersOnTheGpu() {
    MemoryReport r = T4.account(offload(0, 1), Workload.of(1, 512, 32));
    double layer = WeightSizer.layerBytes(OPT_30B, 0, io.tiersim.model.strategy.WeightFormat.FP16);
    assertThat(r.decode().tier(Tier.GPU).workspaceBytes()).isCloseTo(2 * layer, within(1.0));
    assertThat(r.decode().tier(Tier.GPU).weightsBytes()).isZero();
  }

  @Test
  void kvOnCpu_withGpuAttention_streamsOneLayerOfOneGpuBatch_twice() {
    MemoryReport r = T4.account(offload(1, 0), Workload.of(4, 512, 33));
    // one layer, 4 sequences, 544 tokens, K and V of 7168 channels in fp16, double-buffered
    double layerKv = 4 * 544 * 2 * 7168 * 2.0;
    assertThat(r.decode().tier(Tier.GPU).workspaceBytes()).isCloseTo(2 * layerKv, within(1.0));
    assertThat(r.decode().tier(Tier.CPU).kvCacheBytes()).isCloseTo(48 * layerKv, within(1.0));
  }

  @Test
  void cpuAttention_keepsTheCacheOffThePcieBuffers() {
    MemoryReport gpuAttention = T4.account(offload(1, 0), Workload.of(4, 512, 33));
    MemoryReport cpuAttention = T4.account(StrategyResolver.resolve(
        new StrategyConfig("f", "flexgen", null, null, null, null, null, null, null, null, null, null, null), OPT_30B),
        Workload.of(4, 512, 33));
    assertThat(cpuAttention.decode().tier(Tier.CPU).kvCacheBytes()).isEqualTo(gpuAttention.decode().tier(Tier.CPU).kvCacheBytes());
    double kvBuffers = gpuAttention.decode().tier(Tier.GPU).workspaceBytes();
    assertThat(kvBuffers).isPositive();
    // with CPU attention only weight buffers remain (80 % of a layer, double-buffered)
    double layer = WeightSizer.layerBytes(OPT_30B, 0, io.tiersim.model.strategy.WeightFormat.FP16);
    assertThat(cpuAttention.decode().tier(Tier.GPU).workspaceBytes()).isCloseTo(2 * 0.8 * layer, within(1.0));
  }

  @Test
  void chunkedPrefill_lowersThePrefillPeak_notTheCache() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    MemoryAccountant acc = new MemoryAccountant(m, HardwareCatalog.bundled().system("h100-sxm"));
    Strategy full = KvCacheSizerTest.preset("full-fp16", m);
    MemoryReport whole = acc.account(full, Workload.of(4, 32768, 128));
    MemoryReport chunked = acc.account(full, new Workload(4, 32768, 128, 4096));
    assertThat(chunked.prefill().tier(Tier.GPU).activationBytes()).isLessThan(whole.prefill().tier(Tier.GPU).activationBytes() / 4);
    assertThat(chunked.kvCacheBytes()).isEqualTo(whole.kvCacheBytes());
  }

  @Test
  void snapkv_underChunkedPrefill_holdsTheWholePromptBeforeCompressing() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    MemoryAccountant acc = new MemoryAccountant(m, HardwareCatalog.bundled().system("h100-sxm"));
    Workload w = new Workload(2, 32768, 128, 4096);
    MemoryReport snap = acc.account(KvCacheSizerTest.preset("snapkv", m), w);
    MemoryReport full = acc.account(KvCacheSizerTest.preset("full-fp16", m), w);
    assertThat(snap.prefill().tier(Tier.GPU).kvCacheBytes()).isCloseTo(2.0 * 32768 * 32 * 2 * 1024 * 2, within(1.0));
    assertThat(snap.decode().tier(Tier.GPU).kvCacheBytes()).isLessThan(full.decode().tier(Tier.GPU).kvCacheBytes() / 10);
  }

  @Test
  void maxPrompt_neverExceedsTheModelsContextWindow() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    MemoryAccountant acc = new MemoryAccountant(m, HardwareCatalog.bundled().system("h100-sxm"));
    CapacitySearch search = new CapacitySearch(acc);
    Workload w = Workload.of(1, 1000, 1000);
    long max = search.maxPromptTokens(KvCacheSizerTest.preset("streamingllm", m), w);
    assertThat(max).isEqualTo(m.maxPositionEmbeddings() - 1000L);
  }
}
