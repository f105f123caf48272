package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SweepAnswersTest {
  private static SweepAnswers.ParetoPoint p(String s, int batch, double tps, long bytes) {
    return new SweepAnswers.ParetoPoint(s, null, batch, tps, bytes);
  }

  @Test
  void front_keepsOnlyPointsNoOtherBeatsOnBoth_orderedByMemory() {
    List<SweepAnswers.ParetoPoint> front = SweepAnswers.front(List.of(
        p("a", 1, 100, 10), p("b", 1, 90, 20), p("c", 1, 300, 30), p("d", 1, 300, 40), p("e", 1, 50, 5)));
    assertThat(front).extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("e", "a", "c");
  }

  @Test
  void front_exactTie_keepsTheFirst() {
    assertThat(SweepAnswers.front(List.of(p("a", 1, 100, 10), p("b", 1, 100, 10))))
        .extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("a");
  }

  private static PointRow row(String system, int gpus, String strategy, int batch, boolean meets, Long replicas) {
    return new PointRow("m", system, gpus, strategy, null, batch, 1000, 100, 1100, 2.0, true, true, 1L << 30, 64, 5000,
        "memory", 0.5, 0.01, 1000, meets, replicas, replicas == null ? null : replicas * gpus);
  }

  @Test
  void cheapest_perSystemType_fewestGpus_andMarksTheCheapestType() {
    SweepAnswers.Builder b = new SweepAnswers.Builder();
    b.add(row("one-gpu", 1, "fp16", 1, true, 6L));
    b.add(row("one-gpu", 1, "fp16", 8, true, 3L));
    b.add(row("eight-gpu", 8, "fp16", 8, true, 1L));
    b.add(row("slow", 1, "fp16", 8, false, null));
    List<SweepAnswers.CheapestGpus> c = b.build().cheapestGpus();
    assertThat(c).extracting(SweepAnswers.CheapestGpus::system).containsExactly("one-gpu", "eight-gpu", "slow");
    assertThat(c.get(0).gpus()).isEqualTo(3);
    assertThat(c.get(0).batchSize()).isEqualTo(8);
    assertThat(c.get(0).cheapest()).isTrue();
    assertThat(c.get(1).gpus()).isEqualTo(8);
    assertThat(c.get(1).cheapest()).isFalse();
    assertThat(c.get(2).gpus()).isNull();
    assertThat(c.get(2).strategy()).isNull();
  }
}
