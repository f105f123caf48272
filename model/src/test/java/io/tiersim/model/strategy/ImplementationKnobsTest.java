package io.tiersim.model.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tiersim.model.DataType;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import org.junit.jupiter.api.Test;

/** How a strategy's code runs: cache growth, dequantisation, 8-bit GEMM types; defaults and bad values. */
final class ImplementationKnobsTest {
  static final ModelArchitecture LLAMA = ModelCatalog.get("llama-3.1-8b");

  static Strategy strategy(String yaml) {
    return StrategyResolver.resolve(YamlLoader.read("s.yaml", yaml, StrategyConfig.class), LLAMA);
  }

  static InputException refused(String yaml) {
    return catchThrowableOfType(InputException.class, () -> strategy(yaml));
  }

  @Test
  void defaults_preallocatedCache_fusedDequantisation_unlessScoresAreMaterialised() {
    LayerPolicy flash = strategy("preset: kivi-4").layer(0);
    assertThat(flash.growth()).isEqualTo(CacheGrowth.PREALLOCATED);
    assertThat(flash.dequantization()).isEqualTo(KvDequantization.FUSED);
    assertThat(strategy("preset: kivi-4\nattention: {kernel: materialized}").layer(0).dequantization())
        .isEqualTo(KvDequantization.EAGER);
    assertThat(strategy("preset: kivi-4\nattention: {kernel: materialized, dequantize: fused}").layer(0)
        .dequantization()).isEqualTo(KvDequantization.FUSED);
  }

  @Test
  void streamingPrefill_isDuoAttentionsAndOffByDefault_andAnOverrideKeepsTheRestOfThePreset() {
    assertThat(strategy("preset: duoattention").layer(0).heads().streamingPrefill()).isTrue();
    assertThat(strategy("preset: razorattention").layer(0).heads().streamingPrefill()).isFalse();
    assertThat(strategy("name: h\nheads: {retrieval_fraction: 0.3, window_tokens: 512}").layer(0).heads()
        .streamingPrefill()).isFalse();
    HeadSplit cut = strategy("preset: duoattention\nheads: {streaming_prefill: false}").layer(0).heads();
    assertThat(cut.streamingPrefill()).isFalse();
    assertThat(cut.retrievalFraction()).isEqualTo(0.5);
    assertThat(cut.streamingTokens()).isEqualTo(64 + 256);
  }

  @Test
  void perLayerOverrides_reachTheLayersTheyName() {
    Strategy s = strategy("""
        preset: kivi-4
        layers:
          - range: "0-3"
            attention: {dequantize: eager, cache_growth: concatenated}
        """);
    assertThat(s.layer(3).dequantization()).isEqualTo(KvDequantization.EAGER);
    assertThat(s.layer(3).growth()).isEqualTo(CacheGrowth.CONCATENATED);
    assertThat(s.layer(4).dequantization()).isEqualTo(KvDequantization.FUSED);
    assertThat(s.layer(4).growth()).isEqualTo(CacheGrowth.PREALLOCATED);
  }

  @Test
  void eightBitActivations_areInt8ByDefault_fp8WhenAsked_andFp8ImpliesEightBits() {
    assertThat(strategy("preset: qserve-w4a8kv4").layer(0).weights().activationType()).isEqualTo(DataType.INT8);
    WeightFormat fp8 = strategy("preset: fp8-w8a8").layer(0).weights();
    assertThat(fp8.bits()).isEqualTo(8);
    assertThat(fp8.quantizedActivations()).isTrue();
    assertThat(fp8.activationType()).isEqualTo(DataType.FP8);
    assertThat(strategy("name: w\nweights: {bits: 8, activation_type: fp8}").layer(0).weights().activationBits())
        .isEqualTo(8);
    assertThat(strategy("name: w\nweights: {bits: 4}").layer(0).weights().quantizedActivations()).isFalse();
  }

  @Test
  void badValues_nameTheFieldAndTheChoices() {
    InputException growth = refused("preset: full-fp16\nattention: {cache_growth: appended}");
    assertThat(growth.field()).isEqualTo("attention.cache_growth");
    assertThat(growth.problem()).contains("preallocated").contains("concatenated");
    InputException dequant = refused("preset: kivi-4\nattention: {dequantize: lazy}");
    assertThat(dequant.field()).isEqualTo("attention.dequantize");
    assertThat(dequant.problem()).contains("fused").contains("eager");
    InputException type = refused("name: w\nweights: {bits: 4, activation_bits: 8, activation_type: int4}");
    assertThat(type.field()).isEqualTo("weights.activation_type");
    assertThat(type.problem()).contains("int8 or fp8");
  }
}
