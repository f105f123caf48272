package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.InputException;
import io.tiersim.model.quality.MethodLosses;
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

  /** Runs on one thread and cancels at the first progress report: a partial journal is left in {@code out}. */
  private void stopAfterFirstPoints(SweepPlan plan, Path out) {
    AtomicBoolean cancel = new AtomicBoolean();
    run(plan, out, 1, new SweepRunner.Listener() {
      @Override
      public void started(long points, long alreadyDone) {}

      @Override
      public void advanced(long points) {
        cancel.set(true);
      }
    }, cancel);
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
    stopAfterFirstPoints(p, out);
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

  static final String QUALITY = """
      name: quality
      models: [llama-3.1-8b]
      systems: [h100-sxm]
      runtime: cuda_graphs
      axes:
        batch_size: [1, 16]
        context_tokens: [32768]
        generate_tokens: [256]
        kv_budget_tokens: [512, 1024]
      strategies:
        - preset: full-fp16
        - preset: kivi-2
        - preset: snapkv
      """;

  @Test
  void qualityColumn_fromTheTable_emptyWhenUnknown_andTheFrontTradesItAgainstSpeedAndMemory() throws IOException {
    SweepPlan p = SweepFixtures.load(dir, QUALITY);
    Path out = dir.resolve("quality");
    SweepRunner.Outcome o = run(p, out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    try (Reader in = Files.newBufferedReader(out.resolve("points.csv"));
        CSVParser csv = CSVParser.builder().setReader(in).setFormat(SweepOutputs.READ).get()) {
      for (CSVRecord r : csv) {
        String expected = switch (r.get("strategy") + "@" + r.get("kv_budget_tokens")) {
          case "full-fp16@" -> "0";
          case "kivi-2@" -> SweepColumns.number(MethodLosses.find("kivi-2").lossPct());
          case "snapkv@1024" -> SweepColumns.number(MethodLosses.find("snapkv").lossPct()); // the preset's own budget
          case "snapkv@512" -> ""; // the table has no row at this budget
          default -> throw new AssertionError(r.get("strategy"));
        };
        assertThat(r.get("quality_loss_pct")).as("point %s", r.get("point")).isEqualTo(expected);
      }
    }
    JsonNode json = new ObjectMapper().readTree(out.resolve("points.json").toFile());
    assertThat(json.get(0).get("quality_loss_pct").isNumber()).isTrue();
    JsonNode columns = new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("columns");
    assertThat(columns.get(columns.size() - 1).get("name").asText()).isEqualTo("quality_loss_pct");
    assertThat(columns.get(columns.size() - 1).get("description").asText()).contains("method-losses.yaml");

    List<SweepAnswers.ParetoGroup> groups = o.answers().paretoFront();
    assertThat(groups).hasSize(1);
    SweepAnswers.ParetoGroup g = groups.get(0);
    List<SweepAnswers.ParetoPoint> fp16 = g.front().stream().filter(x -> x.strategy().equals("full-fp16")).toList();
    List<SweepAnswers.ParetoPoint> kivi = g.front().stream().filter(x -> x.strategy().equals("kivi-2")).toList();
    assertThat(fp16).as("lossless").isNotEmpty();
    assertThat(kivi).as("faster or smaller").isNotEmpty();
    assertThat(kivi.stream().mapToLong(SweepAnswers.ParetoPoint::gpuPeakBytes).min().getAsLong())
        .isLessThan(fp16.stream().mapToLong(SweepAnswers.ParetoPoint::gpuPeakBytes).min().getAsLong());
    assertThat(kivi.stream().mapToDouble(SweepAnswers.ParetoPoint::generationTokensPerS).max().getAsDouble())
        .isGreaterThan(fp16.stream().mapToDouble(SweepAnswers.ParetoPoint::generationTokensPerS).max().getAsDouble());
    assertThat(g.front()).extracting(SweepAnswers.ParetoPoint::kvBudgetTokens).doesNotContain(512);
    assertThat(g.unknownQualityPoints()).isEqualTo(2); // snapkv @512 at both batches
    String md = Files.readString(out.resolve("answers.md"));
    assertThat(md).contains("## Quality loss of each strategy").contains("| llama-3.1-8b | snapkv @512 | - | unknown: ")
        .contains("| llama-3.1-8b | full-fp16 | 0 | fp16 everywhere |").contains("| llama-3.1-8b | kivi-2 | 0.81 | kivi-2 |")
        .contains("throughput, GPU memory and quality loss").contains("method-losses.yaml");
  }

  @Test
  void folderWrittenWithAnotherRowLayout_isRefusedClearly_unlessFresh() throws IOException {
    Path out = dir.resolve("old");
    stopAfterFirstPoints(plan(), out);
    // what an older tiersim left: a partial journal and a manifest without the newest column
    ObjectMapper json = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(out.resolve("sweep.json").toFile());
    manifest.put("fingerprint", "older");
    ((com.fasterxml.jackson.databind.node.ArrayNode) manifest.get("columns")).remove(SweepColumns.ALL.size() - 1);
    json.writeValue(out.resolve("sweep.json").toFile(), manifest);
    assertThatThrownBy(() -> new SweepRunner(plan(), out, 1, SweepRunner.Listener.NONE).prepare(false))
        .isInstanceOf(InputException.class).hasMessageContaining("another row layout")
        .hasMessageContaining((SweepColumns.ALL.size() - 1) + " columns").hasMessageContaining("--fresh");
    SweepRunner fresh = new SweepRunner(plan(), out, 2, SweepRunner.Listener.NONE);
    fresh.prepare(true);
    assertThat(fresh.run(new AtomicBoolean()).computed()).isEqualTo(plan().pointCount());
  }

  @Test
  void aJournalOfAnotherLayout_underThisManifest_isStartedAgain() throws IOException {
    SweepPlan p = plan();
    Path out = dir.resolve("relaid");
    stopAfterFirstPoints(p, out);
    Path journal = out.resolve("points.partial.csv");
    List<String> lines = Files.readAllLines(journal);
    StringBuilder older = new StringBuilder();
    for (String line : lines) {
      older.append(line, 0, line.lastIndexOf(',')).append('\n'); // one column fewer, as before quality_loss_pct
    }
    Files.writeString(journal, older);
    SweepRunner.Outcome o = run(p, out, 2, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(o.resumed()).isZero();
    assertThat(o.computed()).isEqualTo(p.pointCount());
    run(p, dir.resolve("clean"), 1, SweepRunner.Listener.NONE, new AtomicBoolean());
    assertThat(Files.readAllBytes(out.resolve("points.csv"))).isEqualTo(Files.readAllBytes(dir.resolve("clean/points.csv")));
  }
}
