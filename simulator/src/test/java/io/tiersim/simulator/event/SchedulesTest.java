package io.tiersim.simulator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.EventConfig;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.model.scenario.SpeculativeConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.CostModel;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** FlexGen's ablations and the overlapped schedules of ShadowKV, InstInfer and TriForce on the event engine. */
final class SchedulesTest {
  static Scenario load(String file) {
    return ScenarioLoader.bundled().load(TiersimHome.scenarios().resolve(file));
  }

  static Map<String, EventTiming> timings(Scenario sc, int depth) {
    BatchEventEngine e = new BatchEventEngine(sc.model(), new CostModel(sc.system()), sc.runtime(), new EventConfig(depth, null));
    return sc.strategies().stream().collect(Collectors.toMap(Strategy::name, s -> e.estimate(s, sc.workload(), null)));
  }

  /** FlexGen Table 4 (OPT-30B on the T4): removing overlap, or CPU attention, each lowers throughput. */
  @Test
  void flexgenAblations_noOverlapAndNoCpuAttention_areSlower() {
    Map<String, EventTiming> t = timings(load("published/flexgen-t4-opt-30b.yaml"), 1);
    double full = t.get("flexgen").timing().generationTokensPerS();
    double noOverlap = t.get("flexgen-no-overlap").timing().generationTokensPerS();
    double noCpuAttention = t.get("flexgen-no-cpu-attention").timing().generationTokensPerS();
    assertThat(noOverlap).isLessThan(0.9 * full);
    assertThat(noCpuAttention).isLessThan(0.9 * full);
    // Without CPU attention the KV cache crosses PCIe every step: the copy engine bounds decode.
    assertThat(t.get("flexgen-no-cpu-attention").timing().bottleneck().decode().bound()).isEqualTo("pcie_host_to_device");
    System.out.printf("FlexGen OPT-30B T4 (event engine): generation %.3g tok/s; no overlap %.3g (%.0f%%); no CPU attention %.3g (%.0f%%)%n",
        full, noOverlap, 100 * (noOverlap / full - 1), noCpuAttention, 100 * (noCpuAttention / full - 1));
  }

  @Test
  void shadowKv_overlapsValueFetchWithKeyReconstruction_andInstInferRunsInTheCsds() {
    Scenario sc = load("event/overlap-schedules-llama-3.1-8b.yaml");
    Map<String, EventTiming> t = timings(sc, 1);
    EventTiming shadow = t.get("shadowkv");
    double gpu = busy(shadow, "gpu_stream");
    double h2d = busy(shadow, "copy_h2d");
    assertThat(gpu).isPositive();
    assertThat(h2d).isPositive();
    // Overlapped: decode takes less than the GPU's and the copy engine's work in sequence.
    assertThat(shadow.timing().decodeS()).isLessThan(0.95 * (gpu + h2d));
    EventTiming inst = t.get("instinfer");
    assertThat(busy(inst, "csd_flash")).isPositive();
    assertThat(inst.timing().bottleneck().decode().bytes()).containsKey("peer_to_peer");
  }

  @Test
  void speculation_beatsOffloadedDecoding_whenDraftsAreAccepted_andLosesWhenNot() {
    Scenario sc = load("event/triforce-rtx4090-llama-3.1-8b.yaml");
    BatchEventEngine e = new BatchEventEngine(sc.model(), new CostModel(sc.system()), sc.runtime(), sc.event());
    Strategy target = sc.strategies().get(0);
    Strategy draft = sc.strategies().get(1);
    var w = new io.tiersim.model.scenario.Workload(1, 122880, 33, 8192);
    double plain = e.estimate(target, w, null).timing().tpotS();
    double good = e.estimateSpeculative(target, draft, new SpeculativeConfig(target.name(), draft.name(), 4, 0.8), w, null)
        .timing().tpotS();
    double bad = e.estimateSpeculative(target, draft, new SpeculativeConfig(target.name(), draft.name(), 4, 0.0), w, null)
        .timing().tpotS();
    assertThat(good).isLessThan(plain / 2);
    assertThat(bad).isGreaterThan(plain);
  }

  @Test
  void depthTwo_onFlexGen_queuesLoadsOnTheCopyEngine_andSaysWhy() {
    Scenario sc = load("published/flexgen-t4-opt-30b.yaml");
    BatchEventEngine e = new BatchEventEngine(sc.model(), new CostModel(sc.system()), sc.runtime(), new EventConfig(2, null));
    var a = new io.tiersim.simulator.engine.AnalyticEngine(sc.model(), new CostModel(sc.system()), sc.runtime());
    Strategy s = sc.strategies().get(0);
    EventComparison c = EventSimulator.compare(s.name(), e.estimate(s, sc.workload(), null), a.estimate(s, sc.workload()));
    assertThat(c.difference()).isNotZero();
    assertThat(c.explanation()).contains("copy_h2d");
    assertThat(c.extraBufferBytes()).isPositive();
  }

  static double busy(EventTiming t, String server) {
    return t.decodeServers().stream().filter(u -> u.server().equals(server)).mapToDouble(ServerUse::busyS).sum();
  }
}
