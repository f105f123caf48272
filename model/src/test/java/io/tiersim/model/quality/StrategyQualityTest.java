package io.tiersim.model.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.strategy.Preset;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class StrategyQualityTest {
  private static final ModelArchitecture MODEL = ModelCatalog.get("llama-3.1-8b");

  private static StrategyQuality quality(String yaml) {
    StrategyConfig c = YamlLoader.read("strategy.yaml", yaml, StrategyConfig.class);
    return StrategyQuality.of(StrategyResolver.resolve(c, MODEL), MODEL);
  }

  private static double row(String method) {
    return MethodLosses.find(method).lossPct();
  }

  @ParameterizedTest
  @ValueSource(strings = {"full-fp16", "flexgen", "instinfer"})
  void fp16Everywhere_losesNothing_whereverItLivesAndHoweverAttentionRuns(String preset) {
    assertThat(quality("preset: " + preset)).isEqualTo(StrategyQuality.LOSSLESS);
  }

  @Test
  void noPreset_fp16_losesNothing() {
    StrategyQuality q = quality("name: mine\noffload: {kv_cache: {cpu: 1}}\nattention: {kernel: materialized}");
    assertThat(q.lossPct()).isEqualTo(0.0);
    assertThat(q.methods()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"kivi-2", "kivi-4", "kvquant-4", "kvquant-4-1pct", "kvquant-3-1pct", "snapkv", "h2o",
      "streamingllm", "duoattention"})
  void aPresetInTheTable_losesItsRow(String preset) {
    StrategyQuality q = quality("preset: " + preset);
    assertThat(q.lossPct()).isEqualTo(row(preset));
    assertThat(q.methods()).containsExactly(preset);
    assertThat(q.unchecked()).isFalse();
    assertThat(q.unknownReason()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gear", "razorattention"})
  void aRecalledRow_isMarkedUnchecked(String preset) {
    StrategyQuality q = quality("preset: " + preset);
    assertThat(q.lossPct()).isEqualTo(row(preset));
    assertThat(q.unchecked()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"kvquant-2", "qserve-w4a8kv4", "shadowkv", "minicache"})
  void aLossyPresetTheTableLacks_isUnknown(String preset) {
    StrategyQuality q = quality("preset: " + preset);
    assertThat(q.lossPct()).isNull();
    assertThat(q.known()).isFalse();
    assertThat(q.unknownReason()).contains("no row for preset '" + preset + "'");
  }

  @Test
  void everyPreset_isEitherKnownFromItsOwnRow_lossless_orUnknown() {
    for (Preset p : PresetRegistry.all()) {
      StrategyQuality q = quality("preset: " + p.name());
      if (MethodLosses.find(p.name()) != null) {
        assertThat(q.lossPct()).as(p.name()).isEqualTo(row(p.name()));
      } else {
        assertThat(q.lossPct()).as(p.name()).isIn(null, 0.0);
      }
    }
  }

  @Test
  void quantisedWeights_addTheirWeightsRow() {
    StrategyQuality q = quality("preset: kivi-2\nweights: {bits: 4, group_size: 128}");
    assertThat(q.lossPct()).isEqualTo(row("kivi-2") + row("weights-int4"));
    assertThat(q.methods()).containsExactly("kivi-2", "weights-int4");
    assertThat(quality("preset: full-fp16\nweights: {bits: 8}").lossPct()).isEqualTo(row("weights-int8"));
    assertThat(quality("name: w4\nweights: {bits: 4}").methods()).containsExactly("weights-int4");
  }

  @Test
  void weightsTheTableLacks_orOutsideItsSetting_areUnknown() {
    assertThat(quality("name: w3\nweights: {bits: 3}").unknownReason()).contains("weights-int3");
    assertThat(quality("name: w4a8\nweights: {bits: 4, activation_bits: 8}").unknownReason()).contains("8-bit activations");
    assertThat(quality("preset: flexgen\noffload: {compress_weights: true}").unknownReason()).contains("embedding");
    assertThat(quality("""
        name: mixed
        weights: {bits: 4}
        layers:
          - range: 0-2
            weights: {bits: 16}
        """).unknownReason()).contains("different precision");
  }

  @Test
  void kvOverridesAwayFromThePreset_areUnknown() {
    assertThat(quality("preset: kivi-2\nkv: {group_size: 64}").unknownReason()).contains("changed away from preset 'kivi-2'");
    assertThat(quality("preset: snapkv\nretention: {budget_tokens: 4096}").known()).isFalse();
    assertThat(quality("preset: streamingllm\nretention: {window_tokens: 1020}").known()).isFalse();
    assertThat(quality("preset: duoattention\nheads: {retrieval_fraction: 0.25}").known()).isFalse();
    assertThat(quality("""
        preset: kivi-4
        layers:
          - range: 0-2
            kv: {key_bits: 2, value_bits: 2}
        """).known()).isFalse();
    assertThat(quality("preset: full-fp16\nkv: {key_bits: 4, value_bits: 4}").unknownReason()).contains("no row for preset 'full-fp16'");
    assertThat(quality("name: mine\nkv: {key_bits: 2, value_bits: 2}").unknownReason()).contains("without a preset");
    assertThat(quality("preset: full-fp16\noffload: {compress_kv_cache: true}").known()).isFalse();
  }

  @Test
  void overridesThatComputeTheSameNumbers_keepThePresetsRow() {
    assertThat(quality("preset: kivi-2\noffload: {kv_cache: {cpu: 1}}\npaged_block_tokens: 16").lossPct())
        .isEqualTo(row("kivi-2"));
    assertThat(quality("preset: snapkv\nretention: {budget_tokens: 1024}").lossPct()).isEqualTo(row("snapkv"));
    assertThat(quality("preset: h2o\nattention: {kernel: flash}").lossPct()).isEqualTo(row("h2o"));
  }

  @Test
  void presetThatSetsItsWeights_isOneMethod_andChangedWeightsAreUnknown() {
    String fp16Kv = "\nkv: {key_bits: 16, value_bits: 16}";
    assertThat(quality("preset: qserve-w4a8kv4\nweights: {bits: 8}" + fp16Kv).unknownReason()).contains("weights changed away");
    assertThat(quality("preset: qserve-w4a8kv4\nweights: {bits: 16, activation_bits: 16}" + fp16Kv).unknownReason())
        .contains("weights changed away");
    // its own weights are not priced as weights-int4: the preset is one method, and the table lacks it
    assertThat(quality("preset: qserve-w4a8kv4" + fp16Kv).unknownReason()).contains("no row for preset 'qserve-w4a8kv4'");
  }

  @Test
  void aQualityIsALossOrUnknownWithAReason() {
    assertThatThrownBy(() -> new StrategyQuality(null, List.of(), false, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StrategyQuality(1.0, List.of(), false, "why")).isInstanceOf(IllegalArgumentException.class);
  }
}
