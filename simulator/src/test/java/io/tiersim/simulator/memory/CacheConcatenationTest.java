package io.tiersim.simulator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.CacheGrowth;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import org.junit.jupiter.api.Test;

/** A cache grown by torch.cat: what each step copies and what the decode peak holds twice, by hand. */
final class CacheConcatenationTest {
  static final ModelArchitecture LLAMA_7B = ModelCatalog.get("llama-2-7b");
  static final MemoryAccountant A100 = new MemoryAccountant(LLAMA_7B, HardwareCatalog.bundled().system("a100-80gb"));
  /** One token of one layer, keys or values: 4096 fp16 channels. */
  static final double HALF_TOKEN = 4096 * 2;

  static Strategy strategy(String yaml) {
    return StrategyResolver.resolve(YamlLoader.read("strategy.yaml", yaml, StrategyConfig.class), LLAMA_7B);
  }

  @Test
  void yaml_setsTheGrowthOfEveryLayer_andDefaultsToPreallocated() {
    assertThat(strategy("preset: full-fp16\nattention: {cache_growth: concatenated}").layers())
        .allSatisfy(p -> assertThat(p.growth()).isEqualTo(CacheGrowth.CONCATENATED));
    assertThat(strategy("preset: full-fp16").layer(0).growth()).isEqualTo(CacheGrowth.PREALLOCATED);
    InputException e = catchThrowableOfType(InputException.class,
        () -> strategy("preset: full-fp16\nattention: {cache_growth: appended}"));
    assertThat(e.field()).isEqualTo("attention.cache_growth");
    assertThat(e.problem()).contains("preallocated").contains("concatenated");
  }

  @Test
  void plainCache_copiesAllOfItsKeysAndValues_andHoldsThemTwiceAtThePeak() {
    LayerPolicy p = strategy("preset: full-fp16\nattention: {cache_growth: concatenated}").layer(0);
    KvLayerBytes step = CacheConcatenation.copiedPerStep(LLAMA_7B, p, 500, 160, 0);
    assertThat(step.keyBytes()).isEqualTo(500 * HALF_TOKEN);
    assertThat(step.valueBytes()).isEqualTo(500 * HALF_TOKEN);
    assertThat(CacheConcatenation.duplicatedAtPeak(LLAMA_7B, p, 500, 160, 0)).isEqualTo(step);
  }

  @Test
  void kiviResidualWindow_copiesTheWindowThePackedValuesAndAShareOfThePackedKeys() {
    LayerPolicy p = strategy("preset: kivi-2\nkv: {group_size: 32, residual_tokens: 128}\n"
        + "attention: {cache_growth: concatenated}").layer(0);
    KvLayerBytes stored = KvCacheSizer.layerBytes(LLAMA_7B, p, 500, 160, 0);
    double window = 128 * HALF_TOKEN;
    // 372 packed tokens: 2 bits per channel plus an fp16 scale and minimum per 32 channels.
    double packed = 372 * 4096 * (2 / 8.0 + 4 / 32.0);
    assertThat(stored.keyBytes()).isCloseTo(window + packed, within(1.0));
    KvLayerBytes step = CacheConcatenation.copiedPerStep(LLAMA_7B, p, 500, 160, 0);
    assertThat(step.keyBytes()).isCloseTo(window + packed / 128, within(1.0));
    assertThat(step.valueBytes()).isCloseTo(2 * window + packed, within(1.0));
    KvLayerBytes peak = CacheConcatenation.duplicatedAtPeak(LLAMA_7B, p, 500, 160, 0);
    assertThat(peak.keyBytes()).isCloseTo(packed, within(1.0));
    assertThat(peak.valueBytes()).isCloseTo(window + packed, within(1.0));
  }

  @Test
  void accountant_growsTheCacheThroughPrefill_andCountsThePreviousStepsCopyAtTheDecodePeak() {
    Workload w = Workload.of(8, 160, 338);
    MemoryReport pre = A100.account(strategy("preset: full-fp16"), w);
    MemoryReport cat = A100.account(strategy("preset: full-fp16\nattention: {cache_growth: concatenated}"), w);
    double kv = 32 * 2 * HALF_TOKEN * 8 * w.kvTokens();
    assertThat(pre.decode().tiers().get(Tier.GPU).kvCacheBytes()).isCloseTo(kv, within(1.0));
    assertThat(cat.decode().tiers().get(Tier.GPU).kvCacheBytes()).isCloseTo(2 * kv, within(1.0));
    // A preallocated cache is whole before prefill; a concatenated one holds only the prompt.
    assertThat(pre.prefill().tiers().get(Tier.GPU).kvCacheBytes()).isCloseTo(kv, within(1.0));
    assertThat(cat.prefill().tiers().get(Tier.GPU).kvCacheBytes()).isCloseTo(32 * 2 * HALF_TOKEN * 8 * 160, within(1.0));
    assertThat(cat.kvCacheBytes()).isEqualTo(pre.kvCacheBytes());
  }
}
