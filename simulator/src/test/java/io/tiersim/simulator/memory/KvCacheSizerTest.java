package io.tiersim.simulator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** KV bytes against hand calculations and KVQuant's published table. */
final class KvCacheSizerTest {
  static final double GIB = 1L << 30;
  static final ModelArchitecture LLAMA_7B = ModelCatalog.get("llama-7b");

  static Strategy preset(String name, ModelArchitecture m) {
    return StrategyResolver.resolve(new StrategyConfig(null, name, null, null, null, null, null, null, null, null, null, null, null), m);
  }

  static double kvBytes(Strategy s, ModelArchitecture m, long context, long prompt) {
    double total = 0;
    for (var p : s.layers()) {
      total += KvCacheSizer.layerBytes(m, p, context, prompt, s.pagedBlockTokens()).forBatch(1);
    }
    return total;
  }

  @Test
  void fp16_llama7b_isHalfMebibytePerToken() {
    double perToken = kvBytes(preset("full-fp16", LLAMA_7B), LLAMA_7B, 1, 1);
    assertThat(perToken).isEqualTo(32 * 2 * 4096 * 2); // layers x (K,V) x hidden x fp16
  }

  /** KVQuant Appendix M: LLaMA-7B, 128K tokens, sizes in GiB as the paper prints them; within 2 %. */
  @ParameterizedTest
  @CsvSource({
      "full-fp16, 64.0",
      "kvquant-4, 16.0",
      "kvquant-4-1pct, 17.3",
      "kvquant-3, 12.0",
      "kvquant-3-1pct, 13.3",
      "kvquant-2, 8.0",
      "kvquant-2-1pct, 9.3"})
  void kvquantTable_llama7b_128k_within2Percent(String preset, double publishedGib) {
    double gib = kvBytes(preset(preset, LLAMA_7B), LLAMA_7B, 131072, 131072) / GIB;
    assertThat(gib).isCloseTo(publishedGib, within(publishedGib * 0.02));
  }

  @Test
  void kivi2_handCalculation_oneLayer() {
    // Llama-3.1-8B layer: 8 KV heads x 128 = 1024 channels per half. 1000 tokens, residual 128 in fp16,
    // 872 quantised at 2 bits with fp16 scale+zero per 32 elements.
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    var p = preset("kivi-2", m).layer(0);
    double half = 128 * 1024 * 2 + 872 * 1024 * 2 / 8.0 + 872 * 1024 / 32.0 * 4;
    assertThat(KvCacheSizer.layerBytes(m, p, 1000, 1000, 0).forBatch(1)).isEqualTo(2 * half);
  }

  @Test
  void streamingllm_cacheStopsGrowingAtSinksPlusWindow() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    Strategy s = preset("streamingllm", m);
    assertThat(kvBytes(s, m, 100_000, 99_000)).isEqualTo(kvBytes(s, m, 2048, 1000));
    assertThat(kvBytes(s, m, 1000, 1000)).isLessThan(kvBytes(s, m, 2048, 2048));
  }

  @Test
  void snapkv_keepsBudgetOfPromptPlusEveryGeneratedToken() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    var p = preset("snapkv", m).layer(0);
    assertThat(KvCacheSizer.storedTokens(p, 16_000 + 500, 16_000, 0)).isEqualTo(1024 + 32 + 500);
  }

  @Test
  void duoattention_halfRetrievalHeads_halvesLongContextCache() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    double full = kvBytes(preset("full-fp16", m), m, 100_000, 100_000);
    double duo = kvBytes(preset("duoattention", m), m, 100_000, 100_000);
    assertThat(duo / full).isCloseTo(0.5 + 0.5 * 320 / 100_000.0, within(1e-12));
  }

  @Test
  void slidingWindowLayers_keepAtMostTheirWindow_globalLayersEverything() {
    // Mistral-7B v0.1: every layer slides over 4096 tokens (a rolling cache).
    ModelArchitecture mistral = ModelCatalog.get("mistral-7b");
    double perTokenLayer = 2 * 8 * 128 * 2; // K and V, 8 KV heads x 128, fp16
    assertThat(kvBytes(preset("full-fp16", mistral), mistral, 32768, 32768)).isEqualTo(32 * 4096 * perTokenLayer);
    assertThat(kvBytes(preset("full-fp16", mistral), mistral, 1000, 1000)).isEqualTo(32 * 1000 * perTokenLayer);
    // A Gemma-2-like model: odd layers attend globally, even ones to 4096 tokens.
    ModelArchitecture alternating = mistral.toBuilder().globalAttentionEvery(2).build();
    assertThat(kvBytes(preset("full-fp16", alternating), alternating, 32768, 32768))
        .isEqualTo(16 * 4096 * perTokenLayer + 16 * 32768 * perTokenLayer);
  }

  @Test
  void pagedBlocks_roundTokensUpToWholeBlocks() {
    ModelArchitecture m = ModelCatalog.get("llama-3.1-8b");
    var p = preset("full-fp16", m).layer(0);
    assertThat(KvCacheSizer.storedTokens(p, 17, 17, 16)).isEqualTo(32);
    assertThat(KvCacheSizer.storedTokens(p, 32, 32, 16)).isEqualTo(32);
  }

  @Test
  void minicache_mergedLayersStoreLess_andOnlyFromTheMiddle() {
    ModelArchitecture m = ModelCatalog.get("llama-2-7b");
    Strategy s = preset("minicache", m);
    assertThat(s.layer(15).mergedWithPrevious()).isFalse();
    assertThat(s.layer(16).mergedWithPrevious()).isFalse();
    assertThat(s.layer(17).mergedWithPrevious()).isTrue();
    double full = KvCacheSizer.layerBytes(m, s.layer(16), 4096, 4096, 0).forBatch(1);
    double merged = KvCacheSizer.layerBytes(m, s.layer(17), 4096, 4096, 0).forBatch(1);
    // magnitudes (32 heads x fp16, for K and V) + 5 % of the full layer
    assertThat(merged).isEqualTo(2 * 4096 * 32 * 2 + 0.05 * full);
  }
}
