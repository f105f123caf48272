package io.tiersim.simulator.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.scenario.Runtime;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The primitives priced by hand on a made-up machine with round numbers (test resources
 * hardware/round): HBM 800 GB/s measured, fp16 tensor cores 100 TFLOP/s of which 80 % measured,
 * CUDA cores 10 TFLOP/s, host link 10 GB/s in and 20 GB/s out with 10 us per copy, host memory 100
 * GB/s, CPU 1 TFLOP/s, one drive at 2/1 GB/s with 100 us, one CSD with 4/2 GB/s flash, 1 TFLOP/s
 * and a 5 GB/s peer-to-peer port.
 */
final class CostModelTest {
  static final SystemProfile ROUND = roundBox();
  static final CostModel COST = new CostModel(ROUND);
  static final double LAUNCH = 5e-6;

  static SystemProfile roundBox() {
    try {
      Path dir = Path.of(CostModelTest.class.getResource("/hardware/round").toURI());
      return HardwareCatalog.load(dir).system("roundbox");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void streamingKernel_isLaunchPlusBytesAtMeasuredBandwidth() {
    OpCost op = COST.kernel("copy", KernelWork.streaming(1, 0, 8e9));
    assertThat(op.seconds()).isCloseTo(LAUNCH + 8e9 / 800e9, within(1e-12));
    assertThat(op.bound()).isEqualTo(Resource.HBM);
    assertThat(op.bytesOn(Resource.HBM)).isEqualTo(8e9);
    assertThat(op.launchSeconds()).isEqualTo(LAUNCH);
  }

  @Test
  void gemm_isComputeBoundAtMeasuredEfficiency_whenIntensityIsHigh() {
    // 8e12 FLOP at 0.8 x 100 TFLOP/s = 0.1 s; 1e9 bytes at 800 GB/s = 1.25 ms, so compute binds.
    OpCost op = COST.kernel("gemm", KernelWork.tensor(1, 8e12, DataType.FP16, 1e9));
    assertThat(op.seconds()).isCloseTo(LAUNCH + 0.1, within(1e-9));
    assertThat(op.bound()).isEqualTo(Resource.TENSOR_CORES);
  }

  @Test
  void roofline_takesTheLongerOfComputeAndBytes() {
    double flops = 8e10; // 1 ms on tensor cores
    OpCost memoryBound = COST.kernel("gemv", KernelWork.tensor(1, flops, DataType.FP16, 8e9)); // 10 ms of bytes
    assertThat(memoryBound.seconds()).isCloseTo(LAUNCH + 0.01, within(1e-12));
    assertThat(memoryBound.bound()).isEqualTo(Resource.HBM);
    OpCost cuda = COST.kernel("dequant", new KernelWork(1, 0, DataType.FP16, 1e11, 8e8, 0)); // 10 ms vs 1 ms
    assertThat(cuda.seconds()).isCloseTo(LAUNCH + 0.01, within(1e-12));
    assertThat(cuda.bound()).isEqualTo(Resource.CUDA_CORES);
  }

  @Test
  void kernels_payOneFixedCostEach() {
    OpCost three = COST.kernel("three", KernelWork.streaming(3, 0, 0));
    assertThat(three.seconds()).isCloseTo(3 * LAUNCH, within(1e-15));
    assertThat(three.bound()).isEqualTo(Resource.KERNEL_LAUNCH);
    assertThat(three.dispatches()).isEqualTo(3);
  }

  @Test
  void hostLink_isLatencyPerCopyPlusBytesAtTheDirectionsRate() {
    OpCost in = COST.hostLink("in", Resource.PCIE_HOST_TO_DEVICE, 1e9, 2);
    assertThat(in.seconds()).isCloseTo(2 * 10e-6 + 0.1, within(1e-12));
    assertThat(in.lane()).isEqualTo(Lane.HOST_TO_DEVICE);
    OpCost out = COST.hostLink("out", Resource.PCIE_DEVICE_TO_HOST, 1e9, 1);
    assertThat(out.seconds()).isCloseTo(10e-6 + 0.05, within(1e-12));
    assertThat(out.lane()).isEqualTo(Lane.DEVICE_TO_HOST);
    assertThat(COST.hostLink("none", Resource.PCIE_HOST_TO_DEVICE, 0, 1).seconds()).isZero();
    assertThatThrownBy(() -> COST.hostLink("bad", Resource.HBM, 1, 1)).hasMessageContaining("host-link direction");
  }

  @Test
  void cpu_readsAndWritesAtTheirMeasuredFractions() {
    // Reads at 0.94 and writes at 0.40 of 100 GB/s (kerncraft's Skylake-SP runs).
    assertThat(COST.cpu("read", 0, 94e9, 0).seconds()).isCloseTo(1, within(1e-12));
    assertThat(COST.cpu("write", 0, 0, 40e9).seconds()).isCloseTo(1, within(1e-12));
    OpCost compute = COST.cpu("flops", 2e12, 1e9, 0);
    assertThat(compute.seconds()).isCloseTo(2, within(1e-12));
    assertThat(compute.bound()).isEqualTo(Resource.CPU_CORES);
  }

  @Test
  void drive_andCsd_runAtTheirRates() {
    assertThat(COST.drive("read", Resource.SSD_READ, 2e9).seconds()).isCloseTo(100e-6 + 1, within(1e-12));
    assertThat(COST.drive("write", Resource.SSD_WRITE, 2e9).seconds()).isCloseTo(100e-6 + 2, within(1e-12));
    OpCost flash = COST.csd("flash", 4e9, 0, 1e11, 1e9);
    assertThat(flash.seconds()).isCloseTo(1, within(1e-12));
    assertThat(flash.bound()).isEqualTo(Resource.CSD_FLASH);
    OpCost peer = COST.csd("peer", 1e9, 0, 0, 10e9);
    assertThat(peer.seconds()).isCloseTo(2, within(1e-12));
    assertThat(peer.bound()).isEqualTo(Resource.PEER_TO_PEER);
  }

  @Test
  void allReduce_isFreeOnOneGpu() {
    assertThat(COST.allReduce("ar", 1e9).seconds()).isZero();
  }

  @Test
  void hostDispatch_isTenMicrosecondsPerKernelInEagerAndFreeWithGraphs() {
    assertThat(COST.dispatch("d", Runtime.EAGER, 7).seconds()).isCloseTo(70e-6, within(1e-15));
    assertThat(COST.dispatch("d", Runtime.CUDA_GRAPHS, 7).seconds()).isZero();
    assertThat(COST.hostCalls("v", Runtime.EAGER, 4).seconds()).isCloseTo(20e-6, within(1e-15));
  }

  @Test
  void hostDispatch_followsTheMeasuredKernelLaunchPoints() {
    java.util.List<io.tiersim.model.hardware.MeasuredPoint> points = new java.util.ArrayList<>(ROUND.measured());
    for (double us : new double[] {6, 8}) {
      points.add(new io.tiersim.model.hardware.MeasuredPoint(io.tiersim.model.hardware.MeasurementKind.KERNEL_LAUNCH,
          null, null, null, null, null, null, us * 1e-6, "test fixture", null));
    }
    SystemProfile measured = new SystemProfile(ROUND.id(), ROUND.name(), ROUND.gpu(), ROUND.gpuCountSourced(),
        ROUND.hostMemory(), ROUND.cpu(), ROUND.hostLink(), ROUND.gpuInterconnect(), ROUND.drives(), ROUND.csds(),
        ROUND.runtimeReserveGibPerGpu(), points);
    CostModel cost = new CostModel(measured);
    assertThat(cost.dispatch("d", Runtime.EAGER, 7).seconds()).isCloseTo(49e-6, within(1e-15));
    assertThat(cost.hostCalls("v", Runtime.EAGER, 4).seconds()).isCloseTo(14e-6, within(1e-15));
    assertThat(cost.dispatch("d", Runtime.CUDA_GRAPHS, 7).seconds()).isZero();
  }

  @Test
  void flashPrefillAttention_runsAtItsMeasuredRate_whileGemmsKeepTheGemmRate() {
    java.util.List<io.tiersim.model.hardware.MeasuredPoint> points = new java.util.ArrayList<>(ROUND.measured());
    points.add(new io.tiersim.model.hardware.MeasuredPoint(io.tiersim.model.hardware.MeasurementKind.PREFILL_ATTENTION,
        null, null, null, null, null, DataType.FP16, 40e12, "test fixture", null));
    CostModel cost = new CostModel(new SystemProfile(ROUND.id(), ROUND.name(), ROUND.gpu(), ROUND.gpuCountSourced(),
        ROUND.hostMemory(), ROUND.cpu(), ROUND.hostLink(), ROUND.gpuInterconnect(), ROUND.drives(), ROUND.csds(),
        ROUND.runtimeReserveGibPerGpu(), points));
    KernelWork attention = new KernelWork(1, 8e12, DataType.FP16, 0, 1e9, 0);
    // One point of unknown size: effMax 40 / 100 and the 5 us fixed-time prior, so 5 us + 8e12 at 40 TFLOP/s.
    assertThat(cost.prefillAttention("flash", attention).seconds()).isCloseTo(LAUNCH + 0.2, within(1e-9));
    assertThat(cost.prefillAttention("flash", attention).bound()).isEqualTo(Resource.TENSOR_CORES);
    // GEMMs still run at 80 of 100 TFLOP/s; without the point, attention is priced as a GEMM (the ceiling).
    assertThat(cost.kernel("gemm", attention).seconds()).isCloseTo(LAUNCH + 0.1, within(1e-9));
    assertThat(COST.prefillAttention("flash", attention).seconds()).isCloseTo(LAUNCH + 0.1, within(1e-9));
    // Other operand types have no attention point: their GEMM rate.
    KernelWork int8 = new KernelWork(1, 8e12, DataType.INT8, 0, 1e9, 0);
    assertThat(cost.prefillAttention("int8", int8).seconds()).isEqualTo(cost.kernel("int8", int8).seconds());
  }

  @Test
  void layerStep_overlapTakesTheBusiestLane_andTheHostIsAFloor() {
    OpCost gpu = new OpCost("g", Lane.GPU, 0.3, 0, Resource.HBM, 0, java.util.Map.of(), 1);
    OpCost link = new OpCost("l", Lane.HOST_TO_DEVICE, 0.5, 0, Resource.PCIE_HOST_TO_DEVICE, 0, java.util.Map.of(), 1);
    OpCost host = new OpCost("h", Lane.HOST, 0.1, 0, Resource.HOST_DISPATCH, 0, java.util.Map.of(), 0);
    java.util.List<OpCost> ops = java.util.List.of(gpu, link, host);
    assertThat(LayerStep.seconds(ops, true)).isCloseTo(0.5, within(1e-12));
    assertThat(LayerStep.seconds(ops, false)).isCloseTo(0.8, within(1e-12));
    assertThat(LayerStep.criticalLane(ops, true)).isEqualTo(Lane.HOST_TO_DEVICE);
    OpCost slowHost = new OpCost("h", Lane.HOST, 0.9, 0, Resource.HOST_DISPATCH, 0, java.util.Map.of(), 0);
    assertThat(LayerStep.seconds(java.util.List.of(gpu, link, slowHost), false)).isCloseTo(0.9, within(1e-12));
    assertThat(LayerStep.criticalLane(java.util.List.of(gpu, link, slowHost), false)).isEqualTo(Lane.HOST);
  }

  @Test
  void blockSchedule_hidesTheNextStagesWeightsBehindOnlyTheFirstBatch() {
    OpCost batch = new OpCost("b", Lane.GPU, 1, 0, Resource.HBM, 0, java.util.Map.of(), 0);
    OpCost weights = new OpCost("w", Lane.HOST_TO_DEVICE, 3, 0, Resource.PCIE_HOST_TO_DEVICE, 0, java.util.Map.of(), 0);
    LayerStep step = new LayerStep(java.util.List.of(new Stage("only", java.util.List.of(weights), java.util.List.of(batch))));
    // Four batches: max(3, 1) for the first, then 3 x 1.
    assertThat(step.seconds(4, true)).isCloseTo(6, within(1e-12));
    assertThat(step.seconds(4, false)).isCloseTo(7, within(1e-12));
    assertThat(step.seconds(1, true)).isCloseTo(3, within(1e-12));
  }
}
