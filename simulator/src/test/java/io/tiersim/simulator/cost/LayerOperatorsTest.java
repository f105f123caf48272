package io.tiersim.simulator.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.simulator.memory.KvCacheSizer;
import io.tiersim.simulator.memory.KvLayerBytes;
import io.tiersim.simulator.memory.WeightSizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What one layer's operators read, move and compute, checked against the memory model's byte counts. */
final class LayerOperatorsTest {
  static final ModelArchitecture LLAMA = ModelCatalog.get("llama-3.1-8b");
  static final LayerOperators OPS = new LayerOperators(LLAMA, CostModelTest.COST, Runtime.EAGER);

  static Strategy preset(String name) {
    return StrategyResolver.resolve(PresetRegistry.get(name).config(), LLAMA);
  }

  static Strategy config(String yamlName, StrategyConfig c) {
    return StrategyResolver.resolve(c, LLAMA);
  }

  static double bytes(LayerStep step, Resource r) {
    return step.operators().stream().mapToDouble(op -> op.bytesOn(r)).sum();
  }

  @Test
  void fp16Decode_readsTheLayersWeightsAndKvOnce_plusSmallActivations() {
    Strategy s = preset("full-fp16");
    LayerPolicy p = s.layer(3);
    long batch = 8;
    long past = 4095;
    LayerStep step = OPS.layer(s, p, Pass.decode(batch, past, 4096, 0));
    double weights = WeightSizer.layerBytes(LLAMA, 3, p.weights());
    KvLayerBytes kv = KvCacheSizer.layerBytes(LLAMA, p, past + 1, 4096, 0);
    double expected = weights + batch * (kv.keyBytes() + kv.valueBytes());
    double hbm = bytes(step, Resource.HBM);
    assertThat(hbm).isGreaterThanOrEqualTo(expected);
    assertThat(hbm).isLessThan(expected * 1.01);
    assertThat(bytes(step, Resource.PCIE_HOST_TO_DEVICE)).isZero();
  }

  @Test
  void quantisedKv_readsFewerBytes_andSpendsCudaCoreWork() {
    Pass x = Pass.decode(8, 16383, 16384, 0);
    LayerStep fp16 = OPS.layer(preset("full-fp16"), preset("full-fp16").layer(0), x);
    LayerStep kivi = OPS.layer(preset("kivi-2"), preset("kivi-2").layer(0), x);
    assertThat(bytes(kivi, Resource.HBM)).isLessThan(bytes(fp16, Resource.HBM));
    double kiviFlops = kivi.operators().stream().mapToDouble(OpCost::flops).sum();
    double fp16Flops = fp16.operators().stream().mapToDouble(OpCost::flops).sum();
    assertThat(kiviFlops).isGreaterThan(fp16Flops);
  }

  @Test
  void offloadedValues_crossPcie_onlyForTheSparseReadTokens() {
    Strategy s = preset("shadowkv");
    LayerPolicy p = s.layer(0);
    long batch = 4;
    long stored = 32768;
    LayerStep step = OPS.layer(s, p, Pass.decode(batch, stored - 1, stored, 0));
    KvLayerBytes kv = KvCacheSizer.layerBytes(LLAMA, p, stored, stored, 0);
    double fraction = (double) p.sparse().tokensRead(stored) / stored;
    assertThat(bytes(step, Resource.PCIE_HOST_TO_DEVICE)).isCloseTo(batch * kv.valueBytes() * fraction, within(1.0));
  }

  @Test
  void cpuAttention_movesOnlyQueriesOutputsAndNewKv_overPcie() {
    Strategy s = preset("flexgen");
    ModelArchitecture opt = ModelCatalog.get("opt-30b");
    Strategy flex = StrategyResolver.resolve(PresetRegistry.get("flexgen").config(), opt);
    LayerOperators ops = new LayerOperators(opt, CostModelTest.COST, Runtime.EAGER);
    long g = 48;
    LayerStep step = ops.layer(flex, flex.layer(0), Pass.decode(g, 600, 512, 0));
    long h = opt.hiddenSize();
    // q out (fp32), attention output back (fp32), new K and V out (fp16), hidden states in and out (fp16).
    double d2h = g * h * 4.0 + g * 2L * h * 2.0 + 2 * g * h * 2.0;
    double weightsIn = WeightSizer.layerBytes(opt, 0, flex.layer(0).weights()) * flex.layer(0).weightPlacement().cpu();
    assertThat(bytes(step, Resource.PCIE_DEVICE_TO_HOST)).isCloseTo(d2h, within(1.0));
    assertThat(bytes(step, Resource.PCIE_HOST_TO_DEVICE)).isCloseTo(weightsIn + g * h * 4.0 + 2 * g * h * 2.0, within(1.0));
    // The cache itself stays on the host: read once in fp16, written and read once as fp32.
    KvLayerBytes kv = KvCacheSizer.layerBytes(opt, flex.layer(0), 601, 512, 0);
    double elements = g * 601.0 * 2 * h;
    assertThat(bytes(step, Resource.HOST_MEMORY)).isCloseTo(g * (kv.keyBytes() + kv.valueBytes()) + 8 * elements, within(1.0));
    assertThat(s.layer(0).site()).isEqualTo(flex.layer(0).site());
  }

  @Test
  void inStorageAttention_readsTheCacheFromFlash_notOverPcie() {
    Strategy s = preset("instinfer");
    LayerPolicy p = s.layer(0);
    long g = 4;
    LayerStep step = OPS.layer(s, p, Pass.decode(g, 8191, 8192, 0));
    KvLayerBytes kv = KvCacheSizer.layerBytes(LLAMA, p, 8192, 8192, 0);
    double newKv = g * (LLAMA.keyElementsPerToken(0) + LLAMA.valueElementsPerToken(0)) * 2.0;
    assertThat(bytes(step, Resource.CSD_FLASH)).isCloseTo(g * (kv.keyBytes() + kv.valueBytes()) + newKv, within(1.0));
    assertThat(bytes(step, Resource.PCIE_HOST_TO_DEVICE)).isZero();
  }

  @Test
  void eagerDecompression_costsThirteenBytesPerElement_fusedOnlyThePackedBytes() {
    ModelArchitecture opt = ModelCatalog.get("opt-6.7b");
    LayerOperators ops = new LayerOperators(opt, CostModelTest.COST, Runtime.EAGER);
    StrategyConfig compressed = new StrategyConfig("c", null, null, null, null, null, null, null, null,
        new io.tiersim.model.strategy.AttentionConfig(null, io.tiersim.model.strategy.AttentionKernel.MATERIALIZED),
        new io.tiersim.model.strategy.OffloadConfig(null, null, null, null, null, null, null, null, true, null, null),
        null, List.of());
    Strategy s = StrategyResolver.resolve(compressed, opt);
    long g = 2;
    LayerStep step = ops.layer(s, s.layer(0), Pass.decode(g, 999, 512, 0));
    OpCost decompress = operator(step, "decompress kv (eager)");
    double elements = g * 1000.0 * 2 * opt.hiddenSize();
    assertThat(decompress.bytesOn(Resource.HBM)).isCloseTo(13 * elements, within(1.0));
  }

  @Test
  void concatenatedCache_copiesItsKvEveryDecodeStep_readAndWritten_butNotInPrefill() {
    Strategy s = StrategyResolver.resolve(io.tiersim.model.io.YamlLoader.read("s.yaml",
        "preset: full-fp16\nattention: {cache_growth: concatenated}", StrategyConfig.class), LLAMA);
    long g = 4;
    LayerStep decode = OPS.layer(s, s.layer(2), Pass.decode(g, 999, 512, 0));
    OpCost copy = operator(decode, "kv cache concatenation");
    KvLayerBytes kv = KvCacheSizer.layerBytes(LLAMA, s.layer(2), 1000, 512, 0);
    assertThat(copy.bytesOn(Resource.HBM)).isCloseTo(2 * g * (kv.keyBytes() + kv.valueBytes()), within(1.0));
    assertThat(copy.dispatches()).isEqualTo(2);
    LayerStep prefill = OPS.layer(s, s.layer(2), new Pass(io.tiersim.simulator.memory.Phase.PREFILL, g, 512, 0, 512, 0));
    assertThat(prefill.operators()).noneMatch(op -> op.name().equals("kv cache concatenation"));
    LayerStep preallocated = OPS.layer(preset("full-fp16"), preset("full-fp16").layer(2), Pass.decode(g, 999, 512, 0));
    assertThat(preallocated.operators()).noneMatch(op -> op.name().equals("kv cache concatenation"));
    assertThat(decode.deviceSeconds(1, false)).isGreaterThan(preallocated.deviceSeconds(1, false));
  }

  @Test
  void eagerDequantisation_withAFlashKernel_restoresAnFp16CopyThenRunsFlashDecode() {
    Strategy fused = preset("kivi-4");
    Strategy eager = StrategyResolver.resolve(io.tiersim.model.io.YamlLoader.read("s.yaml",
        "preset: kivi-4\nattention: {dequantize: eager}", StrategyConfig.class), LLAMA);
    assertThat(fused.layer(0).dequantization()).isEqualTo(io.tiersim.model.strategy.KvDequantization.FUSED);
    long g = 8;
    Pass x = Pass.decode(g, 4095, 4096, 0);
    LayerStep step = OPS.layer(eager, eager.layer(0), x);
    List<String> names = step.operators().stream().map(OpCost::name).toList();
    assertThat(names).contains("decompress kv (eager)", "decode attention (flash)")
        .doesNotContain("attention scores (eager matmul)");
    OpCost attention = operator(step, "decode attention (flash)");
    // The flash kernel reads the fp16 copy: every attended element at 2 bytes (plus q and the output).
    double fp16 = g * 4096.0 * 2 * LLAMA.keyElementsPerToken(0) * 2;
    assertThat(attention.bytesOn(Resource.HBM)).isBetween(fp16, fp16 * 1.01);
    assertThat(step.deviceSeconds(1, false))
        .isGreaterThan(OPS.layer(fused, fused.layer(0), x).deviceSeconds(1, false));
    // A materialised kernel implies eager code, as FlexGen's compression runs.
    Strategy materialized = StrategyResolver.resolve(io.tiersim.model.io.YamlLoader.read("s.yaml",
        "preset: kivi-4\nattention: {kernel: materialized}", StrategyConfig.class), LLAMA);
    assertThat(materialized.layer(0).dequantization()).isEqualTo(io.tiersim.model.strategy.KvDequantization.EAGER);
    // The fp16 copy is part of the decode transient.
    double transientEager = io.tiersim.simulator.memory.ActivationSizer.layerBytes(LLAMA, eager.layer(0), g, 1, 4096);
    // Attention phase: the input, its normalised copy, q (4096), k and v (1024 each) of 8 tokens, plus the copy.
    assertThat(transientEager).isEqualTo(8 * (2 * 4096 + 4096 + 2 * 1024) * 2 + fp16);
  }

  @Test
  void meanKeysPerQuery_isCausalAverage_cappedByTheWindow() {
    assertThat(LayerOperators.meanKeysPerQuery(0, 4, 0)).isEqualTo(2.5); // 1, 2, 3, 4
    assertThat(LayerOperators.meanKeysPerQuery(10, 2, 0)).isEqualTo(11.5); // 11, 12
    assertThat(LayerOperators.meanKeysPerQuery(0, 6, 3)).isEqualTo((1 + 2 + 3 + 3 + 3 + 3) / 6.0);
    assertThat(LayerOperators.meanKeysPerQuery(100, 5, 3)).isEqualTo(3);
    assertThat(LayerOperators.meanKeysPerQuery(0, 2, 3)).isEqualTo(1.5);
  }

  @Test
  void flashQueryTiles_readTheKeysUpToTheirLastQuery_cappedByTheWindow() {
    // Tiles of 128 queries: 128 and 256 keys; after 1000 cached tokens one tile reads 1128.
    assertThat(LayerOperators.keysReadByQueryTiles(0, 256, 0)).isEqualTo(128 + 256);
    assertThat(LayerOperators.keysReadByQueryTiles(1000, 128, 0)).isEqualTo(1128);
    // A partial last tile reads up to the last query: 128 + 200.
    assertThat(LayerOperators.keysReadByQueryTiles(0, 200, 0)).isEqualTo(128 + 200);
    // A 100-token window: each tile reads at most its window plus itself, 228.
    assertThat(LayerOperators.keysReadByQueryTiles(0, 384, 100)).isEqualTo(128 + 228 + 228);
  }

  @Test
  void flashPrefill_rereadsTheCausalKeysPerQueryTile() {
    Strategy s = preset("full-fp16");
    Pass prefill = new Pass(io.tiersim.simulator.memory.Phase.PREFILL, 2, 1024, 0, 1024, 0);
    OpCost flash = operator(OPS.layer(s, s.layer(0), prefill), "prefill attention (flash)");
    // Llama-3.1-8B layer: q 4096 wide, K+V 2 x 1024 per token, fp16; 2 sequences of 1024 tokens.
    double qkv = 2 * 1024 * (4096 + 2048) * 2.0;
    double out = 2 * 1024 * 4096 * 2.0;
    double rereads = 2 * (128.0 + 256 + 384 + 512 + 640 + 768 + 896 + 1024) * 2048 * 2;
    assertThat(flash.bytesOn(Resource.HBM)).isCloseTo(qkv + out + rereads, within(1e-3));
  }

  @Test
  void duoAttentionsStreamingHeads_prefillOverTheirSinksAndWindow_razorAttentionsOverThePrompt() {
    Pass prefill = new Pass(io.tiersim.simulator.memory.Phase.PREFILL, 1, 32768, 0, 32768, 0);
    double full = prefillAttentionFlops(preset("full-fp16"), prefill);
    // Half the heads see the whole prompt, half at most their 64 sinks plus 256 recent tokens.
    double streamingKeys = (320.0 * 321 / 2 + (32768 - 320) * 320.0) / 32768;
    double ratio = 0.5 + 0.5 * streamingKeys / (32769 / 2.0);
    assertThat(prefillAttentionFlops(preset("duoattention"), prefill) / full).isCloseTo(ratio, within(1e-9));
    // RazorAttention attends over the whole prompt, then cuts its streaming heads' caches.
    assertThat(prefillAttentionFlops(preset("razorattention"), prefill)).isEqualTo(full);
  }

  private static double prefillAttentionFlops(Strategy s, Pass prefill) {
    return operator(OPS.layer(s, s.layer(0), prefill), "prefill attention (flash)").flops();
  }

  @Test
  void slidingWindowLayer_attendsToItsWindow_inPrefillAndDecode() {
    ModelArchitecture mistral = ModelCatalog.get("mistral-7b");
    ModelArchitecture global = mistral.toBuilder().slidingWindow(null).build();
    LayerOperators windowed = new LayerOperators(mistral, CostModelTest.COST, Runtime.EAGER);
    LayerOperators full = new LayerOperators(global, CostModelTest.COST, Runtime.EAGER);
    Strategy sw = StrategyResolver.resolve(PresetRegistry.get("full-fp16").config(), mistral);
    Strategy gl = StrategyResolver.resolve(PresetRegistry.get("full-fp16").config(), global);
    Pass prefill = new Pass(io.tiersim.simulator.memory.Phase.PREFILL, 1, 32768, 0, 32768, 0);
    double swFlops = operator(windowed.layer(sw, sw.layer(0), prefill), "prefill attention (flash)").flops();
    double glFlops = operator(full.layer(gl, gl.layer(0), prefill), "prefill attention (flash)").flops();
    // Causal 32K over a 4K window: (4096 * 4097 / 2 + 28672 * 4096) / (32768 * 32769 / 2) of the keys.
    double ratio = (4096.0 * 4097 / 2 + 28672.0 * 4096) / (32768.0 * 32769 / 2);
    assertThat(swFlops / glFlops).isCloseTo(ratio, within(1e-9));
    Pass decode = Pass.decode(4, 32767, 32768, 0);
    double swKv = bytes(windowed.layer(sw, sw.layer(0), decode), Resource.HBM);
    double glKv = bytes(full.layer(gl, gl.layer(0), decode), Resource.HBM);
    // The same weights; the windowed layer reads 4096 cached tokens per sequence instead of 32768.
    double kvPerToken = 2 * 8 * 128 * 2;
    assertThat(glKv - swKv).isCloseTo(4 * (32768 - 4096) * kvPerToken, within(4 * 32768 * kvPerToken * 0.001));
  }

  @Test
  void prefill_isComputeBound_decodeAtBatchOne_isMemoryBound() {
    Strategy s = preset("full-fp16");
    LayerStep prefill = OPS.layer(s, s.layer(0), new Pass(io.tiersim.simulator.memory.Phase.PREFILL, 1, 8192, 0, 8192, 0));
    OpCost mlp = operator(prefill, "mlp");
    assertThat(mlp.bound()).isEqualTo(Resource.TENSOR_CORES);
    LayerStep decode = OPS.layer(s, s.layer(0), Pass.decode(1, 8191, 8192, 0));
    OpCost mlpDecode = operator(decode, "mlp");
    assertThat(mlpDecode.bound()).isEqualTo(Resource.HBM);
  }

  @Test
  void fp8W8a8_runsOnFp8TensorCoresWhereTheGpuHasThem_elseDequantisesIntoFp16() {
    io.tiersim.model.hardware.HardwareCatalog hw = io.tiersim.model.hardware.HardwareCatalog.bundled();
    LayerOperators h100 = new LayerOperators(LLAMA, new CostModel(hw.system("h100-sxm")), Runtime.EAGER);
    LayerOperators a100 = new LayerOperators(LLAMA, new CostModel(hw.system("a100-80gb")), Runtime.EAGER);
    Strategy fp8 = preset("fp8-w8a8");
    Strategy fp16 = preset("full-fp16");
    Pass prefill = new Pass(io.tiersim.simulator.memory.Phase.PREFILL, 4, 4096, 0, 4096, 0);
    OpCost onHopper = operator(h100.layer(fp8, fp8.layer(0), prefill), "mlp (w8a8 fp8)");
    OpCost fp16Mlp = operator(h100.layer(fp16, fp16.layer(0), prefill), "mlp");
    assertThat(onHopper.bound()).isEqualTo(Resource.TENSOR_CORES);
    // FP8 tensor cores have twice the fp16 peak; both curves rest on the same priors, so about half the time.
    assertThat(onHopper.seconds() / fp16Mlp.seconds()).isBetween(0.45, 0.6);
    // In decode, one byte per weight plus a scale per 128 x 128 block, read from HBM.
    double weights = LLAMA.layerMatrixParameterCount(0) - LLAMA.attentionMatrixParameterCount();
    OpCost decode = operator(h100.layer(fp8, fp8.layer(0), Pass.decode(1, 999, 1000, 0)), "mlp (w8a8 fp8)");
    assertThat(decode.bytesOn(Resource.HBM)).isGreaterThan(weights).isLessThan(weights * 1.01);
    List<String> ampere = a100.layer(fp8, fp8.layer(0), prefill).operators().stream().map(OpCost::name).toList();
    assertThat(ampere).contains("mlp").noneMatch(n -> n.contains("fp8"));
  }

  @Test
  void w4a8_runsItsGemmsOnInt8TensorCores_andReadsPackedWeights() {
    Strategy qserve = preset("qserve-w4a8kv4");
    Strategy fp16 = preset("full-fp16");
    var prefill = new Pass(io.tiersim.simulator.memory.Phase.PREFILL, 1, 8192, 0, 8192, 0);
    OpCost w4a8 = operator(OPS.layer(qserve, qserve.layer(0), prefill), "mlp (w4a8 int8)");
    OpCost half = operator(OPS.layer(fp16, fp16.layer(0), prefill), "mlp");
    // The round GPU's int8 peak is twice its fp16 peak, and both compute-bound: about half the time.
    assertThat(w4a8.bound()).isEqualTo(Resource.TENSOR_CORES);
    assertThat(w4a8.workSeconds()).isLessThan(0.6 * half.workSeconds());
    var decode = Pass.decode(1, 1023, 1024, 0);
    double packed = bytes(OPS.layer(qserve, qserve.layer(0), decode), Resource.HBM);
    double full = bytes(OPS.layer(fp16, fp16.layer(0), decode), Resource.HBM);
    assertThat(packed).isLessThan(0.4 * full);
  }

  /** The step's operator of that name (each name stands once in a layer step). */
  static OpCost operator(LayerStep step, String name) {
    return step.operators().stream().filter(op -> op.name().equals(name)).findFirst().orElseThrow();
  }

}
