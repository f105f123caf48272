package io.tiersim.simulator.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.ArrivalConfig;
import io.tiersim.model.scenario.LengthDistribution;
import io.tiersim.model.scenario.RateSearchConfig;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.scenario.SchedulerConfig;
import io.tiersim.model.scenario.SchedulerConfig.Preemption;
import io.tiersim.model.scenario.ServingConfig;
import io.tiersim.model.scenario.SloConfig;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.simulator.cost.CostModel;
import org.junit.jupiter.api.Test;

final class ServingSimulatorTest {
  static final ModelArchitecture MODEL = ModelCatalog.resolve("llama-3.1-8b", null);
  static final CostModel COST = new CostModel(HardwareCatalog.bundled().resolveSystem("h100-sxm", null));
  static final SloConfig SLO = new SloConfig(1.0, 0.05, null, 0.9);

  static Strategy fp16() {
    return StrategyResolver.resolve(PresetRegistry.get("full-fp16").config(), MODEL);
  }

  static ArrivalConfig poisson(double rate, int n, int prompt, int output, ArrivalConfig.SharedPrefix prefix) {
    return new ArrivalConfig(ArrivalConfig.Kind.POISSON, rate, n, 3L, LengthDistribution.fixed(prompt),
        LengthDistribution.fixed(output), null, null, prefix);
  }

  static SchedulerConfig scheduler(double kvFraction, Preemption p, boolean sharedAttention) {
    return new SchedulerConfig(2048, 128, true, 16, p, 1, true, sharedAttention, kvFraction);
  }

  static ServingResult serve(ArrivalConfig a, SchedulerConfig c) {
    ServingConfig cfg = new ServingConfig(a, c, SLO, null);
    ServingSimulator sim = new ServingSimulator(MODEL, COST, Runtime.CUDA_GRAPHS, fp16(), cfg);
    return ServingMetrics.summarize(sim.run(Requests.of(a), null, null), SLO, c.maxSequences());
  }

  @Test
  void lightLoad_everyRequestCompletes_withUnloadedLatency() {
    ServingResult r = serve(poisson(1, 200, 512, 64, null), scheduler(1, Preemption.RECOMPUTE, false));
    assertThat(r.completed()).isEqualTo(200);
    assertThat(r.sustained()).isTrue();
    assertThat(r.ttftS().p50()).isBetween(1e-3, 0.1);
    assertThat(r.tpotS().p50()).isBetween(1e-3, 0.02);
    assertThat(r.e2eS().p99()).isGreaterThanOrEqualTo(r.e2eS().p50());
    assertThat(r.sloAttainment()).isEqualTo(1.0);
    assertThat(r.preemptions()).isZero();
  }

  @Test
  void sameSeed_givesTheSameResult() {
    ArrivalConfig a = poisson(20, 500, 300, 100, null);
    assertThat(serve(a, scheduler(1, Preemption.RECOMPUTE, false)))
        .usingRecursiveComparison().isEqualTo(serve(a, scheduler(1, Preemption.RECOMPUTE, false)));
  }

  @Test
  void overload_isReportedAsNotSustained() {
    ServingResult r = serve(poisson(500, 2000, 1024, 128, null), scheduler(1, Preemption.RECOMPUTE, false));
    assertThat(r.completed()).isEqualTo(2000);
    assertThat(r.sustained()).isFalse();
    assertThat(r.sustainability()).contains("offered").contains("grew");
  }

  @Test
  void tightMemory_preempts_byRecomputeOrBySwap_andStillFinishesEverything() {
    ArrivalConfig a = poisson(30, 300, 2000, 600, null);
    ServingResult recompute = serve(a, scheduler(0.03, Preemption.RECOMPUTE, false));
    ServingResult swap = serve(a, scheduler(0.03, Preemption.SWAP, false));
    assertThat(recompute.preemptions()).isPositive();
    assertThat(recompute.swapOuts()).isZero();
    assertThat(swap.swapOuts()).isPositive();
    assertThat(recompute.completed()).isEqualTo(300);
    assertThat(swap.completed()).isEqualTo(300);
    // Swapped KV sits in host memory at times; the GPU never holds more than it has.
    assertThat(swap.peakMemoryBytes().cpu()).isGreaterThan(recompute.peakMemoryBytes().cpu());
    assertThat(swap.peakMemoryBytes().gpu()).isLessThanOrEqualTo(Math.round(80e9));
  }

  @Test
  void sharedPrefix_isPrefilledOnce_andHydragenReadsItOnce() {
    ArrivalConfig.SharedPrefix prefix = new ArrivalConfig.SharedPrefix(4, 4000);
    ServingResult none = serve(poisson(8, 400, 4200, 100, null), scheduler(1, Preemption.RECOMPUTE, false));
    ServingResult cached = serve(poisson(8, 400, 4200, 100, prefix), scheduler(1, Preemption.RECOMPUTE, false));
    ServingResult hydragen = serve(poisson(8, 400, 4200, 100, prefix), scheduler(1, Preemption.RECOMPUTE, true));
    assertThat(cached.ttftS().p50()).isLessThan(none.ttftS().p50());
    assertThat(cached.peakMemoryBytes().gpu()).isLessThan(none.peakMemoryBytes().gpu());
    assertThat(hydragen.tpotS().mean()).isLessThan(cached.tpotS().mean());
  }

  @Test
  void requestLargerThanAllKvMemory_isRejected_notHung() {
    ServingResult r = serve(poisson(1, 150, 100_000, 10, null), scheduler(0.005, Preemption.RECOMPUTE, false));
    assertThat(r.rejected()).isEqualTo(150);
    assertThat(r.completed()).isZero();
  }

  @Test
  void rateSearch_bracketsTheHighestRateMeetingTheSlos() {
    ArrivalConfig a = poisson(1, 600, 512, 128, null);
    ServingConfig cfg = new ServingConfig(a, scheduler(1, Preemption.RECOMPUTE, false), SLO, null);
    ServingSimulator sim = new ServingSimulator(MODEL, COST, Runtime.CUDA_GRAPHS, fp16(), cfg);
    RateSearch.Result r = RateSearch.search(sim, Requests.of(a), SLO, new RateSearchConfig(1.0, 400.0, 0.05, null), 128,
        ServingProgress.NONE);
    assertThat(r.ratePerS()).isBetween(1.0, 400.0);
    assertThat(r.failingRatePerS() / r.ratePerS()).isLessThanOrEqualTo(1.05 + 1e-9);
    assertThat(r.probes()).hasSizeLessThan(15);
  }

  @Test
  void rateScaling_keepsTheSameRequests() {
    Requests base = Requests.of(poisson(10, 100, 10, 10, null));
    Requests twice = base.atRate(20);
    assertThat(twice.arrivalS(99)).isCloseTo(base.arrivalS(99) / 2, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Requests.draw(new LengthDistribution(LengthDistribution.Shape.UNIFORM, null, 5, 9, null),
        new java.util.SplittableRandom(1))).isBetween(5, 9);
  }
}
