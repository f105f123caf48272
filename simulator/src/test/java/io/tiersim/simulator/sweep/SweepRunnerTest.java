package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SweepRunnerTest {
  @TempDir Path dir;

  private SweepPlan plan() {
    return SweepFixtures.load(dir, SweepFixtures.SMALL);
  }

  private SweepRunner.Outcome run(SweepPlan plan, Path out, int threads, SweepRunner.Listener l, AtomicBoolean cancel) {
    SweepRunner r = new SweepRunner(plan, out, threads, l);
    r.prepare(false);
    return r.run(cancel);
  }

  @Test
  void run_writesOrderedRows_sameBytesOnOneOrTwoThreads() throws IOException {
    SweepPlan p = plan();
    SweepRunner.Outcome a = run(p, dir.resolve("a"), 1, SweepRunner.Listener.NONE, new AtomicBoolean());
    run(p, dir.resolve("b"), 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(a.complete()).isTrue();
    assertThat(a.computed()).isEqualTo(p.pointCount());
    for (String f : List.of("points.csv", "points.json", "answers.json", "answers.md", "sweep.json")) {
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
    }
    assertThat(dir.resolve("a/points.partial.csv")).doesNotExist();
    List<String> lines = Files.readAllLines(dir.resolve("a/points.csv"));
    assertThat(lines).hasSize((int) p.pointCount() + 1);
    for (int i = 1; i < lines.size(); i++) {
      assertThat(lines.get(i)).startsWith((i - 1) + ",");
    }
    JsonNode json = new ObjectMapper().readTree(dir.resolve("a/points.json").toFile());
    assertThat(json.size()).isEqualTo((int) p.pointCount());
    assertThat(json.get(0).get("fits").isBoolean()).isTrue();
    assertThat(json.get(0).get("gpu_peak_bytes").isIntegralNumber()).isTrue();
    assertThat(json.get(0).get("kv_budget_tokens").isNull()).isTrue();
  }

  @Test
  void interruptedRun_keepsItsRows_andTheRerunResumesToTheSameBytes() throws IOException {
    SweepPlan p = plan();
    run(p, dir.resolve("whole"), 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    AtomicBoolean cancel = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    SweepRunner.Listener stopEarly = new SweepRunner.Listener() {
      @Override
      public void started(long points, long alreadyDone) {}

      @Override
      public void advanced(long points) {
        if (done.addAndGet(points) >= 10) {
          cancel.set(true);
        }
      }
    };
    Path out = dir.resolve("resumed");
    SweepRunner.Outcome first = run(p, out, 2, stopEarly, cancel);
    assertThat(first.complete()).isFalse();
    assertThat(first.computed()).isBetween(10L, p.pointCount() - 1);
    assertThat(out.resolve("points.partial.csv")).exists();
    assertThat(out.resolve("points.csv")).doesNotExist();
    SweepRunner.Outcome second = run(p, out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(second.resumed()).isEqualTo(first.computed());
    assertThat(second.computed()).isEqualTo(p.pointCount() - first.computed());
    assertThat(Files.readAllBytes(out.resolve("points.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("whole/points.csv")));
    assertThat(Files.readAllBytes(out.resolve("answers.json"))).isEqualTo(Files.readAllBytes(dir.resolve("whole/answers.json")));
  }

  @Test
  void tornLastLine_isDropped_andItsPointComputedAgain() throws IOException {
    SweepPlan p = plan();
    Path out = dir.resolve("torn");
    AtomicBoolean cancel = new AtomicBoolean();
    run(p, out, 1, new SweepRunner.Listener() {
      @Override
      public void started(long points, long alreadyDone) {}

      @Override
      public void advanced(long points) {
        cancel.set(true);
      }
    }, cancel);
    Path journal = out.resolve("points.partial.csv");
    String text = Files.readString(journal);
    Files.writeString(journal, text + "7,llama-3.1-8b,h100-sx");
    SweepRunner.Outcome o = run(p, out, 1, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(o.droppedJournalBytes()).isEqualTo("7,llama-3.1-8b,h100-sx".length());
    assertThat(o.complete()).isTrue();
    run(p, dir.resolve("clean"), 1, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(Files.readAllBytes(out.resolve("points.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("clean/points.csv")));
  }

  @Test
  void folderOfAnotherSweep_isRefused_unlessFresh() {
    Path out = dir.resolve("shared");
    run(plan(), out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    SweepPlan other = SweepFixtures.load(dir, SweepFixtures.SMALL.replace("batch_size: [1, 8]", "batch_size: [2]"));
    assertThatThrownBy(() -> new SweepRunner(other, out, 2, SweepRunner.Listener.NONE).prepare(false))
        .isInstanceOf(InputException.class).hasMessageContaining("another sweep").hasMessageContaining("--fresh");
    SweepRunner fresh = new SweepRunner(other, out, 2, SweepRunner.Listener.NONE);
    fresh.prepare(true);
    assertThat(fresh.run(new AtomicBoolean()).computed()).isEqualTo(other.pointCount());
  }

  @Test
  void finishedSweep_rerun_computesNothing() {
    Path out = dir.resolve("again");
    run(plan(), out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    SweepRunner.Outcome o = run(plan(), out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(o.computed()).isZero();
    assertThat(o.complete()).isTrue();
  }

  @Test
  void rows_keepTheInvariants_andInstInferRunsOnlyWithCsds() throws IOException {
    Path out = dir.resolve("rows");
    run(plan(), out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    try (Reader in = Files.newBufferedReader(out.resolve("points.csv"));
        CSVParser csv = CSVParser.builder().setReader(in).setFormat(SweepOutputs.READ).get()) {
      for (CSVRecord r : csv) {
        assertThat(SweepInvariants.violations(r)).as("point %s", r.get("point")).isEmpty();
        if (r.get("strategy").equals("instinfer")) {
          assertThat(r.get("system")).isEqualTo("a6000-csd");
          assertThat(Long.parseLong(r.get("csd_peak_bytes"))).isPositive();
        }
      }
    }
  }
}
