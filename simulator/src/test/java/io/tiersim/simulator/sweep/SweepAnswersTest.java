package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class SweepAnswersTest {
  private static SweepAnswers.ParetoPoint p(String s, int batch, double tps, long bytes) {
    return p(s, batch, tps, bytes, 0);
  }

  private static SweepAnswers.ParetoPoint p(String s, int batch, double tps, long bytes, double loss) {
    return new SweepAnswers.ParetoPoint(s, null, batch, tps, bytes, loss);
  }

  @Test
  void front_ofEquallyLosslessPoints_keepsThoseNoOtherBeatsOnThroughputAndMemory_orderedByMemory() {
    List<SweepAnswers.ParetoPoint> front = SweepAnswers.front(List.of(
        p("a", 1, 100, 10), p("b", 1, 90, 20), p("c", 1, 300, 30), p("d", 1, 300, 40), p("e", 1, 50, 5)));
    assertThat(front).extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("e", "a", "c");
  }

  @Test
  void front_exactTie_keepsTheFirst() {
    assertThat(SweepAnswers.front(List.of(p("a", 1, 100, 10), p("b", 1, 100, 10))))
        .extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("a");
    assertThat(SweepAnswers.front(List.of(p("a", 1, 100, 10, 0.5), p("b", 1, 100, 10, 0.5), p("c", 1, 100, 10, 0.4))))
        .extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("c");
  }

  @Test
  void front_threeObjectives_keepsEveryPointNoOtherBeatsOnAllThree() {
    List<SweepAnswers.ParetoPoint> front = SweepAnswers.front(List.of(
        p("a", 1, 100, 10, 0), // lossless
        p("b", 1, 200, 10, 1), // faster than a at the same memory, lossier
        p("c", 1, 150, 10, 1), // b is faster, as small and as lossless
        p("d", 1, 100, 5, 2), // smallest
        p("e", 1, 100, 5, 3), // d with more loss
        p("f", 1, 90, 20, 0), // a beats it on throughput and memory at the same loss
        p("g", 1, 300, 30, 0.5), // fastest
        p("h", 1, 300, 30, 0.5), // g's exact twin
        p("i", 1, 300, 40, 0.4))); // as fast as g, bigger, less lossy
    assertThat(front).extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("d", "b", "a", "g", "i");
  }

  @Test
  void front_aLosslessPoint_survivesAFasterSmallerLossyOne() {
    List<SweepAnswers.ParetoPoint> points = List.of(p("fp16", 1, 100, 20, 0), p("kivi-2", 1, 200, 10, 0.81));
    assertThat(SweepAnswers.front(points)).extracting(SweepAnswers.ParetoPoint::strategy)
        .containsExactly("kivi-2", "fp16");
    // on throughput and memory alone, fp16 would be dominated
    assertThat(SweepAnswers.front(List.of(p("fp16", 1, 100, 20, 0.81), p("kivi-2", 1, 200, 10, 0.81))))
        .extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("kivi-2");
  }

  @Test
  void front_agreesWithPairwiseDominance_onRandomPoints() {
    java.util.Random random = new java.util.Random(7);
    for (int trial = 0; trial < 200; trial++) {
      List<SweepAnswers.ParetoPoint> points = new java.util.ArrayList<>();
      for (int i = 0; i < 30; i++) {
        points.add(p("s" + i, 1, random.nextInt(6), random.nextInt(6), random.nextInt(4) / 2.0));
      }
      List<SweepAnswers.ParetoPoint> expected = new java.util.ArrayList<>();
      for (int i = 0; i < points.size(); i++) {
        SweepAnswers.ParetoPoint x = points.get(i);
        boolean beaten = false;
        for (int j = 0; j < points.size(); j++) {
          SweepAnswers.ParetoPoint y = points.get(j);
          boolean same = y.generationTokensPerS() == x.generationTokensPerS() && y.gpuPeakBytes() == x.gpuPeakBytes()
              && y.qualityLossPct() == x.qualityLossPct();
          beaten |= SweepAnswers.atLeastAsGood(y, x) && (!same || j < i);
        }
        if (!beaten) {
          expected.add(x);
        }
      }
      assertThat(SweepAnswers.front(points)).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static PointRow row(String strategy, int batch, double tps, long bytes, Double loss, boolean fits) {
    return new PointRow("m", "sys", 1, strategy, null, batch, 1000, 100, 1100, 1.0, fits, true, bytes, 64, 5000,
        "memory", 0.5, 0.01, tps, fits, fits ? 1L : null, fits ? 1L : null, loss);
  }

  @Test
  void paretoGroup_keepsPointsOfUnknownQualityOut_andCountsEachChoiceOnce() {
    SweepAnswers.Builder b = new SweepAnswers.Builder();
    b.add(row("full-fp16", 1, 100, 20, 0.0, true));
    b.add(row("kivi-2", 1, 200, 10, 0.81, true));
    b.add(row("snapkv @512", 1, 400, 5, null, true));
    b.add(row("snapkv @512", 1, 400, 5, null, true)); // the same choice at another request rate
    b.add(row("minicache", 8, 500, 4, null, true));
    b.add(row("shadowkv", 1, 900, 1, null, false)); // does not fit: neither on the front nor counted
    List<SweepAnswers.ParetoGroup> groups = b.build().paretoFront();
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).front()).extracting(SweepAnswers.ParetoPoint::strategy).containsExactly("kivi-2", "full-fp16");
    assertThat(groups.get(0).unknownQualityPoints()).isEqualTo(2);
  }

  @Test
  void qualityNote_citesTheTable_andNamesTheUncheckedRows() {
    assertThat(SweepAnswers.QUALITY_NOTE).contains("method-losses.yaml").contains("cited")
        .contains("not checked against the paper: gear, razorattention").contains("kept out of the front and counted");
  }

  private static PointRow row(String system, int gpus, String strategy, int batch, boolean meets, Long replicas) {
    return new PointRow("m", system, gpus, strategy, null, batch, 1000, 100, 1100, 2.0, true, true, 1L << 30, 64, 5000,
        "memory", 0.5, 0.01, 1000, meets, replicas, replicas == null ? null : replicas * gpus, 0.0);
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
