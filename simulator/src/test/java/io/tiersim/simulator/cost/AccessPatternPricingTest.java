package io.tiersim.simulator.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.MeasuredPoint;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.strategy.AttentionConfig;
import io.tiersim.model.strategy.AttentionKernel;
import io.tiersim.model.strategy.OffloadConfig;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.simulator.calibration.AccessPattern;
import io.tiersim.simulator.calibration.Bound;
import io.tiersim.simulator.calibration.CalibratedEfficiency;
import io.tiersim.simulator.calibration.ProfileCalibration;
import io.tiersim.simulator.memory.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Kernels whose access pattern was measured move their HBM bytes at that measured rate; every
 * other kernel, and every pattern without points, at the HBM curve (the round-number test machine:
 * 800 GB/s, 5 us per kernel).
 */
final class AccessPatternPricingTest {
  static final SystemProfile ROUND = CostModelTest.ROUND;
  static final ModelArchitecture OPT = ModelCatalog.get("opt-6.7b");
  static final double LATENCY = 5e-6;

  /** The round machine with extra measured points on the system. */
  static SystemProfile with(MeasuredPoint... points) {
    List<MeasuredPoint> all = new ArrayList<>(ROUND.measured());
    all.addAll(List.of(points));
    return new SystemProfile(ROUND.id(), ROUND.name(), ROUND.gpu(), ROUND.gpuCountSourced(), ROUND.hostMemory(),
        ROUND.cpu(), ROUND.hostLink(), ROUND.gpuInterconnect(), ROUND.drives(), ROUND.csds(),
        ROUND.runtimeReserveGibPerGpu(), all);
  }

  /** Two points of a kind lying exactly on a curve of 5 us and {@code peak}, so the fit recovers it. */
  static MeasuredPoint[] onCurve(MeasurementKind kind, double peakBytesPerS) {
    long small = 8L << 20;
    long large = 1L << 30;
    return new MeasuredPoint[] {point(kind, small, peakBytesPerS), point(kind, large, peakBytesPerS)};
  }

  static MeasuredPoint point(MeasurementKind kind, long bytes, double peakBytesPerS) {
    double achieved = bytes / (LATENCY + bytes / peakBytesPerS);
    return new MeasuredPoint(kind, bytes, null, null, null, null, null, achieved, "test fixture", null);
  }

  /** A memory-bound fp16 GEMM point (m x n x k) whose operand and result bytes move on the curve. */
  static MeasuredPoint gemv(int m, int n, int k, double peakBytesPerS) {
    double bytes = ((double) m * k + (double) k * n + (double) m * n) * 2;
    double seconds = LATENCY + bytes / peakBytesPerS;
    return new MeasuredPoint(MeasurementKind.GEMM, null, m, n, k, null, DataType.FP16, 2.0 * m * n * k / seconds,
        "test fixture", null);
  }

  static Strategy eagerFp16() {
    return StrategyResolver.resolve(new StrategyConfig("eager", null, null, null, null, null, null, null, null,
        new AttentionConfig(null, AttentionKernel.MATERIALIZED), null, null, List.of()), OPT);
  }

  static Strategy eagerCompressed() {
    return StrategyResolver.resolve(new StrategyConfig("c", null, null, null, null, null, null, null, null,
        new AttentionConfig(null, AttentionKernel.MATERIALIZED),
        new OffloadConfig(null, null, null, null, null, null, null, true, true, null, null), null, List.of()), OPT);
  }

  static OpCost op(LayerStep step, String name) {
    return step.operators().stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow();
  }

  static double hbmSeconds(OpCost op) {
    return op.seconds() - op.launchSeconds();
  }

  @Test
  void withoutPatternPoints_everyPatternIsPricedAsAStream() {
    CalibratedEfficiency c = ProfileCalibration.fit(ROUND);
    assertThat(c.patternFits()).isEmpty();
    for (AccessPattern p : AccessPattern.values()) {
      assertThat(c.pattern(p)).as(p.name()).isEqualTo(c.hbm());
    }
  }

  @Test
  void measuredEagerDecodeAttention_slowsOnlyTheDecodeMatmuls() {
    CostModel stream = new CostModel(ROUND);
    CostModel measured = new CostModel(with(onCurve(MeasurementKind.DECODE_ATTENTION_EAGER, 400e9)));
    assertThat(measured.efficiency().pattern(AccessPattern.EAGER_DECODE_ATTENTION).peakBytesPerS())
        .isCloseTo(400e9, within(1e3));
    Strategy s = eagerFp16();
    Pass decode = Pass.decode(24, 2047, 2048, 0);
    LayerStep before = new LayerOperators(OPT, stream, Runtime.EAGER).layer(s, s.layer(0), decode);
    LayerStep after = new LayerOperators(OPT, measured, Runtime.EAGER).layer(s, s.layer(0), decode);
    for (String name : List.of("attention scores (eager matmul)", "attention values (eager matmul)")) {
      // Memory-bound at both rates: half the rate, twice the byte time.
      assertThat(hbmSeconds(op(after, name))).as(name).isCloseTo(2 * hbmSeconds(op(before, name)), within(1e-9));
    }
    for (String name : List.of("mask and softmax (eager)", "attention projections", "mlp")) {
      assertThat(op(after, name).seconds()).as(name).isEqualTo(op(before, name).seconds());
    }
    // Prefill's eager attention streams its score matrices: unchanged.
    Pass prefill = new Pass(Phase.PREFILL, 4, 512, 0, 512, 0);
    assertThat(new LayerOperators(OPT, measured, Runtime.EAGER).layer(s, s.layer(0), prefill).operators())
        .isEqualTo(new LayerOperators(OPT, stream, Runtime.EAGER).layer(s, s.layer(0), prefill).operators());
  }

  @Test
  void measuredFusedDecodeAttention_pricesFlashDecode_notTheEagerKernels() {
    CostModel measured = new CostModel(with(onCurve(MeasurementKind.DECODE_ATTENTION, 200e9)));
    Strategy flash = StrategyResolver.resolve(PresetRegistry.get("full-fp16").config(), OPT);
    Pass decode = Pass.decode(8, 4095, 4096, 0);
    OpCost attention = op(new LayerOperators(OPT, measured, Runtime.EAGER).layer(flash, flash.layer(0), decode),
        "decode attention (flash)");
    double kvBytes = 8 * 4096.0 * 2 * OPT.hiddenSize() * 2;
    assertThat(attention.bound()).isEqualTo(Resource.HBM);
    // K and V plus the query and output rows, at 200 GB/s.
    assertThat(hbmSeconds(attention)).isCloseTo(attention.bytesOn(Resource.HBM) / 200e9, within(1e-9));
    assertThat(attention.bytesOn(Resource.HBM)).isBetween(kvBytes, kvBytes * 1.001);
  }

  @Test
  void weightStreaming_isFittedFromMemoryBoundGemmPoints_only() {
    // A system's own GEMM points replace its GPU's, so the compute-bound one comes along.
    MeasuredPoint computeBound = new MeasuredPoint(MeasurementKind.GEMM, null, null, null, null, null, DataType.FP16, 80e12,
        "test fixture", null);
    SystemProfile s = with(gemv(1, 4096, 4096, 600e9), gemv(8, 16384, 4096, 600e9), computeBound);
    CalibratedEfficiency c = ProfileCalibration.fit(s);
    assertThat(c.patternFits()).containsOnlyKeys(AccessPattern.WEIGHT_STREAMING);
    assertThat(c.pattern(AccessPattern.WEIGHT_STREAMING).peakBytesPerS()).isCloseTo(600e9, within(1e3));
    assertThat(c.pattern(AccessPattern.WEIGHT_STREAMING).latencyS()).isCloseTo(LATENCY, within(1e-12));
    // The tensor-core curve still comes from the compute-bound point alone.
    assertThat(c.gemm(DataType.FP16)).isEqualTo(ProfileCalibration.fit(ROUND).gemm(DataType.FP16));

    // A decode GEMM reads its weights at 600 GB/s; the same GEMM in a compute-bound prefill is unchanged.
    CostModel cost = new CostModel(s);
    double weights = 4096.0 * 4096 * 2;
    OpCost decode = cost.kernel("proj", KernelWork.tensor(1, 2 * 4096.0 * 4096, DataType.FP16, weights));
    assertThat(hbmSeconds(decode)).isCloseTo(weights / 600e9, within(1e-12));
    OpCost prefill = cost.kernel("proj", KernelWork.tensor(1, 2 * 8192 * 4096.0 * 4096, DataType.FP16, weights));
    assertThat(prefill).isEqualTo(CostModelTest.COST.kernel("proj",
        KernelWork.tensor(1, 2 * 8192 * 4096.0 * 4096, DataType.FP16, weights)));
    // Streaming kernels are not GEMMs.
    assertThat(cost.kernel("copy", KernelWork.streaming(1, 0, 8e9)))
        .isEqualTo(CostModelTest.COST.kernel("copy", KernelWork.streaming(1, 0, 8e9)));
  }

  @Test
  void eagerDecompression_ofKvAndWeights_runsAtEachMeasuredTrafficRate() {
    SystemProfile s = with(concat(onCurve(MeasurementKind.EAGER_DECOMPRESS_KV, 100e9),
        onCurve(MeasurementKind.EAGER_DECOMPRESS_WEIGHTS, 300e9)));
    LayerOperators ops = new LayerOperators(OPT, new CostModel(s), Runtime.EAGER);
    Strategy c = eagerCompressed();
    long g = 2;
    LayerStep step = ops.layer(c, c.layer(0), Pass.decode(g, 999, 512, 0));
    OpCost kv = op(step, "decompress kv (eager)");
    double elements = g * 1000.0 * 2 * OPT.hiddenSize();
    assertThat(kv.bytesOn(Resource.HBM)).isCloseTo(13 * elements, within(1.0));
    assertThat(hbmSeconds(kv)).isCloseTo(13 * elements / 100e9, within(1e-9));
    OpCost weights = op(step, "mlp weights decompress (eager)");
    double ffnElements = 2.0 * 4 * OPT.hiddenSize() * OPT.hiddenSize();
    assertThat(hbmSeconds(weights)).isCloseTo(13 * ffnElements / 300e9, within(1e-9));
  }

  @Test
  void aSlowerMeasuredPattern_neverMakesAStepFaster() {
    Strategy s = eagerFp16();
    Pass decode = Pass.decode(24, 2047, 2048, 0);
    double previous = 0;
    for (double rate : new double[] {800e9, 600e9, 400e9, 200e9, 100e9}) {
      CostModel cost = new CostModel(with(onCurve(MeasurementKind.DECODE_ATTENTION_EAGER, rate)));
      double t = new LayerOperators(OPT, cost, Runtime.EAGER).layer(s, s.layer(0), decode).deviceSeconds(1, false);
      assertThat(t).as("%.0f GB/s", rate / 1e9).isGreaterThan(previous);
      previous = t;
    }
  }

  @Test
  void bounds_keepThePatternFits_andTheStreamPatternIsNotAFit() {
    CalibratedEfficiency c = ProfileCalibration.fit(with(onCurve(MeasurementKind.DECODE_ATTENTION_EAGER, 400e9)));
    assertThat(c.at(Bound.PESSIMISTIC).patternFits()).containsOnlyKeys(AccessPattern.EAGER_DECODE_ATTENTION);
    assertThat(c.fits()).extracting(f -> f.name()).contains("eager-decode-attention");
    assertThatThrownBy(() -> new CalibratedEfficiency(c.systemId(), c.hbmFit(), c.l2Fit(), c.hostToDeviceFit(),
        c.deviceToHostFit(), c.gemmFits(), c.prefillAttentionFit(), c.hostToDevicePageableFit(), Map.of(AccessPattern.STREAM, c.hbmFit()), null,
        null, c.hostDispatchFit()))
        .hasMessageContaining("stream");
  }

  private static MeasuredPoint[] concat(MeasuredPoint[] a, MeasuredPoint[] b) {
    List<MeasuredPoint> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(MeasuredPoint[]::new);
  }
}
