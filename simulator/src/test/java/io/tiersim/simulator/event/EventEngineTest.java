package io.tiersim.simulator.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class EventEngineTest {

  @Test
  void queue_popsByTime_andTiesInPushOrder() {
    EventQueue q = new EventQueue();
    q.push(2.0, 20);
    q.push(1.0, 10);
    q.push(1.0, 11);
    q.push(0.5, 5);
    q.push(1.0, 12);
    int[] out = new int[5];
    for (int i = 0; i < 5; i++) {
      out[i] = q.pop();
    }
    assertThat(out).containsExactly(5, 10, 11, 12, 20);
    assertThat(q.lastTime()).isEqualTo(2.0);
  }

  @Test
  void chainOnOneServer_takesTheSum_andParallelServers_theMax() {
    TaskGraph g = new TaskGraph();
    int a = g.add(1, 0, 0);
    int b = g.add(2, 0, 1);
    int c = g.add(1.5, 1, 2);
    int end = g.add(0, TaskGraph.NO_RESOURCE, -1);
    g.dependsOn(b, a);
    g.dependsOn(end, b);
    g.dependsOn(end, c);
    EventEngine e = new EventEngine(1, 1);
    assertThat(e.run(g)).isEqualTo(3.0);
    assertThat(e.heldBy(end)).isEqualTo(b);
    assertThat(e.busySeconds(0)).isEqualTo(3.0);
    assertThat(e.events()).isEqualTo(4);
  }

  @Test
  void twoReadyTasksOnOneServer_queue_andTheWaitIsAttributedToIt() {
    TaskGraph g = new TaskGraph();
    int a = g.add(2, 0, 0);
    int b = g.add(1, 0, 1);
    EventEngine e = new EventEngine(1);
    assertThat(e.run(g)).isEqualTo(3.0);
    assertThat(e.queuedForServer(b)).isTrue();
    assertThat(e.heldBy(b)).isEqualTo(a);
    assertThat(e.start(b) - e.ready(b)).isEqualTo(2.0);
    assertThat(e.waitSeconds(0)).isEqualTo(2.0);
  }

  @Test
  void capacityTwo_runsTwoAtOnce() {
    TaskGraph g = new TaskGraph();
    g.add(2, 0, 0);
    g.add(2, 0, 1);
    g.add(2, 0, 2);
    assertThat(new EventEngine(2).run(g)).isEqualTo(4.0);
  }

  @Test
  void cycle_isReported_notHung() {
    TaskGraph g = new TaskGraph();
    int a = g.add(1, 0, 0);
    int b = g.add(1, 0, 1);
    g.dependsOn(a, b);
    g.dependsOn(b, a);
    assertThatThrownBy(() -> new EventEngine(1).run(g)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void randomGraph_runsTheSameTwice_andRespectsDependenciesAndCapacity() {
    TaskGraph g = randomGraph(new SplittableRandom(42), 5000, 4);
    EventEngine e = new EventEngine(1, 1, 2, 1);
    double m1 = e.run(g);
    double[] starts = new double[g.size()];
    for (int t = 0; t < g.size(); t++) {
      starts[t] = e.start(t);
    }
    double m2 = e.run(g);
    assertThat(m2).isEqualTo(m1);
    for (int t = 0; t < g.size(); t++) {
      assertThat(e.start(t)).isEqualTo(starts[t]);
      assertThat(e.end(t)).isEqualTo(e.start(t) + g.duration(t));
    }
    // Busy time never exceeds capacity times wall time (conservation).
    assertThat(e.busySeconds(2)).isLessThanOrEqualTo(2 * 2 * m1 + 1e-9);
    double[] sorted = Arrays.copyOf(starts, g.size());
    Arrays.sort(sorted);
    assertThat(sorted[0]).isZero();
  }

  static TaskGraph randomGraph(SplittableRandom rng, int n, int servers) {
    TaskGraph g = new TaskGraph();
    for (int i = 0; i < n; i++) {
      g.add(rng.nextDouble(), rng.nextInt(servers), i);
      int deps = rng.nextInt(3);
      for (int d = 0; d < deps && i > 0; d++) {
        g.dependsOn(i, rng.nextInt(i));
      }
    }
    return g;
  }

  @Test
  void trace_isValidChromeTraceJson() throws Exception {
    ChromeTrace t = new ChromeTrace(10);
    int p = t.process("run \"quoted\"");
    t.span(p, t.thread(p, "gpu compute stream"), "mlp", 0.001, 0.002);
    t.counter(p, "memory (GiB)", 0.002, new String[] {"gpu"}, new double[] {1.5});
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(t.toJson());
    assertThat(root.get("traceEvents").isArray()).isTrue();
    var x = root.get("traceEvents").findValues("ph");
    assertThat(x).extracting(com.fasterxml.jackson.databind.JsonNode::asText).contains("M", "X", "C");
    for (int i = 0; i < 20; i++) {
      t.span(p, 1, "more", i, 1);
    }
    assertThat(t.truncated()).isTrue();
    assertThat(t.events()).isEqualTo(10);
  }
}
