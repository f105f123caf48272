package io.tiersim.simulator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Properties the memory accountant must keep for every model and preset. */
final class MemoryInvariantsTest {
  static final SystemProfile H100 = HardwareCatalog.bundled().system("h100-sxm");

  /** Chains of presets ordered from less to more compression of the same kind. */
  static final List<List<String>> MORE_COMPRESSION = List.of(
      List.of("full-fp16", "kivi-4", "kivi-2"),
      List.of("full-fp16", "kvquant-4", "kvquant-3", "kvquant-2"),
      List.of("kvquant-4-1pct", "kvquant-3-1pct", "kvquant-2-1pct"),
      List.of("full-fp16", "razorattention"),
      List.of("full-fp16", "duoattention"),
      List.of("full-fp16", "gear"),
      List.of("full-fp16", "kvquant-4-1pct"),
      List.of("full-fp16", "minicache"));

  static double kvGpu(ModelArchitecture m, String preset, Workload w) {
    Strategy s = KvCacheSizerTest.preset(preset, m);
    return new MemoryAccountant(m, H100).account(s, w).decode().tier(Tier.GPU).kvCacheBytes();
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama-3.1-8b", "llama-2-7b", "mistral-7b", "opt-6.7b", "qwen2-7b", "mixtral-8x7b"})
  void moreCompression_neverNeedsMoreMemory(String modelId) {
    ModelArchitecture m = ModelCatalog.get(modelId);
    // From 100 tokens on; at a handful of tokens the fixed per-layer metadata of a quantiser
    // (lookup tables, per-channel scales) can outweigh what it saves.
    for (int context : new int[] {100, 4096, 65536}) {
      Workload w = Workload.of(4, context, 0);
      for (List<String> chain : MORE_COMPRESSION) {
        for (int i = 1; i < chain.size(); i++) {
          assertThat(kvGpu(m, chain.get(i), w))
              .as("%s vs %s at %d tokens", chain.get(i), chain.get(i - 1), context)
              .isLessThanOrEqualTo(kvGpu(m, chain.get(i - 1), w));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"full-fp16", "kivi-2", "kvquant-4-1pct", "gear", "duoattention", "shadowkv", "minicache"})
  void kvAndActivations_growLinearlyInBatch(String preset) {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    Strategy s = KvCacheSizerTest.preset(preset, m);
    MemoryAccountant acc = new MemoryAccountant(m, H100);
    double[] gpu = new double[4];
    for (int b = 1; b <= 3; b++) {
      gpu[b] = acc.account(s, Workload.of(b, 8192, 256)).decode().tier(Tier.GPU).totalBytes();
    }
    assertThat(gpu[3] - gpu[2]).isCloseTo(gpu[2] - gpu[1], within(1e-6 * gpu[3]));
    assertThat(gpu[2]).isGreaterThan(gpu[1]);
  }

  @Test
  void fullCache_growsLinearlyInContext() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    Strategy s = KvCacheSizerTest.preset("full-fp16", m);
    MemoryAccountant acc = new MemoryAccountant(m, H100);
    double k1 = acc.account(s, Workload.of(2, 1000, 1000)).kvCacheBytes();
    double k2 = acc.account(s, Workload.of(2, 2000, 2000)).kvCacheBytes();
    double k3 = acc.account(s, Workload.of(2, 3000, 3000)).kvCacheBytes();
    assertThat(k3 - k2).isEqualTo(k2 - k1);
    assertThat(k1).isEqualTo(2 * 1999 * 32 * 2 * 1024 * 2.0); // prompt + all but the last generated token
  }

  @Test
  void weights_llama31_8b_fp16_areTwoBytesPerParameter() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    MemoryReport r = new MemoryAccountant(m, H100).account(KvCacheSizerTest.preset("full-fp16", m), Workload.of(1, 128, 0));
    assertThat(r.weightsBytes()).isEqualTo(2.0 * m.parameterCount());
  }

  @Test
  void qserve_fourBitWeights_areQuarterPlusGroupMetadata() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    MemoryReport r = new MemoryAccountant(m, H100).account(KvCacheSizerTest.preset("qserve-w4a8kv4", m), Workload.of(1, 128, 0));
    long matrices = 0;
    long vectors = 0;
    for (int l = 0; l < m.numLayers(); l++) {
      matrices += m.layerMatrixParameterCount(l);
      vectors += m.layerVectorParameterCount(l);
    }
    double expected = matrices * 0.5 + Math.ceil(matrices / 128.0) * 4 // 4-bit + fp16 scale/zero per 128 (per layer, rounded up)
        + vectors * 2.0 + m.embeddingMatrixParameterCount() * 2.0 + m.nonLayerVectorParameterCount() * 2.0;
    assertThat(r.weightsBytes()).isCloseTo(expected, within(4.0 * m.numLayers()));
  }

  @Test
  void fitsFlips_exactlyAtMaxBatch() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    Strategy s = KvCacheSizerTest.preset("full-fp16", m);
    MemoryAccountant acc = new MemoryAccountant(m, H100);
    Workload w = Workload.of(1, 32768, 1024);
    long max = new CapacitySearch(acc).maxBatch(s, w);
    assertThat(max).isGreaterThan(1);
    assertThat(acc.account(s, w.withBatchSize((int) max)).fits()).isTrue();
    assertThat(acc.account(s, w.withBatchSize((int) max + 1)).fits()).isFalse();
  }

  @Test
  void overflow_namesTheTierAndAmount() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-70b");
    MemoryReport r = new MemoryAccountant(m, H100).account(KvCacheSizerTest.preset("full-fp16", m), Workload.of(1, 1024, 0));
    assertThat(r.fits()).isFalse();
    assertThat(r.overflows()).anySatisfy(o -> {
      assertThat(o.tier()).isEqualTo(Tier.GPU);
      assertThat(o.overflowBytes()).isCloseTo(o.neededBytes() - o.capacityBytes(), within(1.0));
      assertThat(o.neededBytes()).isGreaterThan(2.0 * m.parameterCount());
    });
  }

  @Test
  void largest_bisection_findsTheBoundary() {
    assertThat(CapacitySearch.largest(1000, n -> n <= 1)).isEqualTo(1);
    assertThat(CapacitySearch.largest(1000, n -> n <= 777)).isEqualTo(777);
    assertThat(CapacitySearch.largest(1000, n -> true)).isEqualTo(1000);
    assertThat(CapacitySearch.largest(1000, n -> false)).isZero();
  }
}
