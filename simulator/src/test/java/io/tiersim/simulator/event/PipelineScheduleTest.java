package io.tiersim.simulator.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Resource;
import io.tiersim.simulator.cost.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-sized pipelines whose times are worked out on paper. */
final class PipelineScheduleTest {
  static OpCost op(String name, Lane lane, Resource bound, double s) {
    return new OpCost(name, lane, s, 0, bound, 0, Map.of(bound, s), 1);
  }

  static OpCost load(double s) {
    return op("weights to gpu", Lane.HOST_TO_DEVICE, Resource.PCIE_HOST_TO_DEVICE, s);
  }

  static OpCost gpu(double s) {
    return op("mlp", Lane.GPU, Resource.TENSOR_CORES, s);
  }

  static LayerStep layer(double loadS, double gpuS, OpCost... extra) {
    List<OpCost> batch = new java.util.ArrayList<>(List.of(gpu(gpuS)));
    batch.addAll(List.of(extra));
    return new LayerStep(List.of(new Stage("a", List.of(load(loadS)), batch), new Stage("b", List.of(load(loadS)), batch)));
  }

  static double run(List<LayerStep> steps, int batches, boolean overlap, int depth) {
    LayerPipeline p = new LayerPipeline(batches, overlap, depth);
    return EventEngine.forResourceKinds().run(p.build(steps));
  }

  @Test
  void depthOne_isTheAnalyticSchedule() {
    List<LayerStep> steps = List.of(layer(3, 1), layer(3, 1), layer(3, 1));
    double analytic = steps.stream().mapToDouble(s -> s.seconds(2, true)).sum();
    // Each stage: max(load 3, batch 1) + 1 more batch = 4; six stages = 24.
    assertThat(analytic).isEqualTo(24.0);
    assertThat(run(steps, 2, true, 1)).isEqualTo(analytic);
    assertThat(run(steps, 2, false, 1)).isEqualTo(steps.stream().mapToDouble(s -> s.seconds(2, false)).sum());
  }

  @Test
  void deeperPrefetch_hidesALoadLongerThanOneBatch() {
    List<LayerStep> steps = List.of(layer(3, 2), layer(3, 2), layer(3, 2), layer(3, 2));
    double depth1 = run(steps, 2, true, 1);
    double depth2 = run(steps, 2, true, 2);
    // Depth 1: every stage max(3, 2) + 2 = 5. Depth 2: a load has two stages' first batches to hide in.
    assertThat(depth1).isEqualTo(40.0);
    assertThat(depth2).isLessThan(depth1);
  }

  @Test
  void deeperPrefetch_competesForTheCopyEngine_andTheTallySaysSo() {
    OpCost kv = op("keys to gpu", Lane.HOST_TO_DEVICE, Resource.PCIE_HOST_TO_DEVICE, 1.5);
    List<LayerStep> steps = List.of(layer(2, 1, kv), layer(2, 1, kv), layer(2, 1, kv));
    LayerPipeline p = new LayerPipeline(2, true, 2);
    EventEngine e = EventEngine.forResourceKinds();
    TaskGraph g = p.build(steps);
    double makespan = e.run(g);
    EventTally tally = new EventTally();
    tally.add(e, p, g, makespan, 1);
    assertThat(tally.mostContended()).isEqualTo("copy_h2d");
    assertThat(tally.contentionSeconds()).isPositive();
    assertThat(tally.bottleneck().bound()).isEqualTo("pcie_host_to_device");
    assertThat(tally.seconds()).isEqualTo(makespan);
  }

  @Test
  void hostThread_sumsDispatchAndCpuWork_evenUnderOverlap() {
    OpCost dispatch = op("host dispatch", Lane.HOST, Resource.HOST_DISPATCH, 0.5);
    OpCost cpu = op("cpu attention", Lane.CPU, Resource.HOST_MEMORY, 1.0);
    LayerStep step = new LayerStep(List.of(new Stage("s", List.of(), List.of(gpu(1.2), dispatch, cpu))));
    assertThat(run(List.of(step), 1, true, 1)).isEqualTo(1.5).isEqualTo(step.seconds(1, true));
  }
}
