package io.tiersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.simulator.sweep.SweepInvariants;
import io.tiersim.simulator.sweep.SweepLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CliTest {
  static final Path QUICKSTART = TiersimHome.scenarios().resolve("quickstart.yaml");

  record Run(int code, String out, String err) {}

  /** Runs {@code args} with {@code tiersim.home} pointing at {@code home}, restoring it afterwards. */
  static Run runAtHome(java.nio.file.Path home, String... args) {
    String previous = System.getProperty("tiersim.home");
    System.setProperty("tiersim.home", home.toString());
    try {
      return run(args);
    } finally {
      if (previous == null) {
        System.clearProperty("tiersim.home");
      } else {
        System.setProperty("tiersim.home", previous);
      }
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = TiersimCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @TempDir Path dir;

  @Test
  void simulate_quickstart_printsEveryStrategy() {
    Run r = run("simulate", QUICKSTART.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("llama-3.1-8b on h100-sxm").contains("full-fp16").contains("kivi-2")
        .contains("shadowkv").contains("GPU peak").contains("max batch").contains("TTFT range").contains("TPOT range");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void secondsRanges_takeTheUpperEndsUnit_andCollapseWhenBothEndsRoundAlike() {
    assertThat(Seconds.range(0.0181, 0.0215)).isEqualTo("18.1-21.5 ms");
    assertThat(Seconds.range(0.9, 1.2)).isEqualTo("0.900-1.20 s");
    assertThat(Seconds.range(11.07, 11.08)).isEqualTo("11.1 s");
    assertThat(Seconds.range(5e-6, 9e-6)).isEqualTo("5.00-9.00 us");
  }

  @Test
  void simulateJson_hasTheContractFields_andIsByteIdenticalAcrossRuns() throws IOException {
    Run a = run("simulate", "--json", QUICKSTART.toString());
    Run b = run("simulate", "--json", QUICKSTART.toString());
    assertThat(a.code()).isZero();
    assertThat(a.out()).isEqualTo(b.out());
    JsonNode root = new ObjectMapper().readTree(a.out());
    assertThat(root.get("scenario").get("model").asText()).isEqualTo("llama-3.1-8b");
    JsonNode first = root.get("results").get(0);
    assertThat(first.get("strategy").asText()).isEqualTo("full-fp16");
    assertThat(first.get("fits").isBoolean()).isTrue();
    for (String tier : new String[] {"gpu", "cpu", "disk", "csd"}) {
      assertThat(first.get("peak_memory_bytes").get(tier).isIntegralNumber()).as(tier).isTrue();
    }
    assertThat(first.get("kv_cache_bytes").asLong()).isEqualTo(8L * (31744 + 1023) * 32 * 2 * 1024 * 2);
    assertThat(first.get("weights_bytes").asLong()).isPositive();
    assertThat(first.get("max_batch_size").asLong()).isPositive();
  }

  @Test
  void badInput_exitsTwo_namesFileLineField_andPrintsNothing() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, Files.readString(QUICKSTART).replace("prompt_tokens: 31744", "prompt_tokens: -5"));
    Path out = dir.resolve("out.json");
    Run r = run("simulate", "--json", "--out", out.toString(), bad.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("bad.yaml:").contains("workload.prompt_tokens").contains("positive");
    assertThat(out).doesNotExist();
  }

  @Test
  void out_writesTheWholeResultToAFile() throws IOException {
    Path out = dir.resolve("sub/result.json");
    Run r = run("simulate", "--json", "-o", out.toString(), QUICKSTART.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(new ObjectMapper().readTree(out.toFile()).get("results").size()).isGreaterThan(10);
  }

  @Test
  void missingFile_andUnknownOption_exitTwo() {
    assertThat(run("simulate", dir.resolve("none.yaml").toString()).code()).isEqualTo(2);
    assertThat(run("simulate", "--bogus", QUICKSTART.toString()).code()).isEqualTo(2);
  }

  /**
   * Every bundled file under scenarios/ runs: scenarios with {@code simulate}, whose results keep
   * the accounting's and the timing's invariants; sweeps with {@code sweep}, whose every row keeps
   * the sweep's invariants and whose answers are written.
   */
  @Test
  void everyBundledScenarioAndSweep_runs_andKeepsInvariants() throws IOException {
    int scenarios = 0;
    int sweeps = 0;
    try (var files = Files.walk(TiersimHome.scenarios())) {
      // scenarios/plans/ holds plan files (tiersim plan), not scenarios; PlanCommandTest runs them.
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml") && !p.getParent().endsWith("plans")).sorted().toList()) {
        if (SweepLoader.isSweep(f)) {
          checkSweep(f);
          sweeps++;
        } else {
          checkScenario(f);
          scenarios++;
        }
      }
    }
    assertThat(scenarios).isGreaterThan(20);
    assertThat(sweeps).isGreaterThanOrEqualTo(4);
  }

  private static void checkScenario(Path f) throws IOException {
    Run r = run("simulate", "--json", f.toString());
    if (r.code() == 2 && r.err().contains("serving scenario")) {
      Run served = run("serve", "--json", "--requests", "200", f.toString());
      assertThat(served.code()).as(f.toString() + ": " + served.err()).isZero();
      return;
    }
    assertThat(r.code()).as(f.toString() + ": " + r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    long batch = root.get("scenario").get("batch_size").asLong();
    long generate = root.get("scenario").get("generate_tokens").asLong();
    for (JsonNode x : root.get("results")) {
      JsonNode decodeGpu = x.get("memory").get("decode").get("gpu");
      long total = 0;
      for (String tier : new String[] {"gpu", "cpu", "disk", "csd"}) {
        long peak = x.get("peak_memory_bytes").get(tier).asLong();
        assertThat(peak).isNotNegative();
        if (x.get("fits").asBoolean()) {
          assertThat(peak).as("%s %s fits", f, tier)
              .isLessThanOrEqualTo(x.get("memory").get("decode").get(tier).get("capacity").asLong());
        }
        total += peak;
      }
      assertThat(x.get("kv_cache_bytes").asLong() + x.get("weights_bytes").asLong()).isLessThanOrEqualTo(total);
      assertThat(decodeGpu.get("total").asLong()).isLessThanOrEqualTo(x.get("peak_memory_bytes").get("gpu").asLong());
      assertThat(x.get("fits").asBoolean()).isEqualTo(x.get("overflows").isEmpty());
      assertThat(x.get("fits").asBoolean()).as("%s %s: fits iff batch <= max batch", f, x.get("strategy"))
          .isEqualTo(batch <= x.get("max_batch_size").asLong());
      double prefill = x.get("prefill_s").asDouble();
      double decode = x.get("decode_s").asDouble();
      assertThat(prefill).isPositive();
      assertThat(x.get("ttft_s").asDouble()).isEqualTo(prefill);
      assertThat(x.get("generation_tokens_per_s").asDouble())
          .isCloseTo(batch * generate / (prefill + decode), org.assertj.core.data.Percentage.withPercentage(1e-6));
    }
  }

  private void checkSweep(Path f) throws IOException {
    Path out = dir.resolve(f.getFileName().toString());
    Run r = run("sweep", "--no-progress", "--threads", "2", "-o", out.toString(), f.toString());
    assertThat(r.code()).as(f.toString() + ": " + r.err()).isZero();
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("sweep.json").toFile());
    assertThat(manifest.get("complete").asBoolean()).isTrue();
    long rows = 0;
    try (var in = Files.newBufferedReader(out.resolve("points.csv"));
        var csv = org.apache.commons.csv.CSVParser.builder().setReader(in)
            .setFormat(org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
      for (var row : csv) {
        assertThat(SweepInvariants.violations(row)).as("%s point %s", f, row.get("point")).isEmpty();
        assertThat(Long.parseLong(row.get("point"))).isEqualTo(rows++);
      }
    }
    assertThat(rows).isEqualTo(manifest.get("points").asLong()).isPositive();
    JsonNode answers = new ObjectMapper().readTree(out.resolve("answers.json").toFile());
    assertThat(answers.get("pareto_front").size()).isPositive();
    assertThat(answers.get("max_batch_per_gpu").size()).isPositive();
    assertThat(Files.readString(out.resolve("answers.md"))).contains("Pareto front");
  }

  @Test
  void listings_showStableIds() {
    assertThat(run("models").out()).contains("opt-6.7b").contains("llama-3.1-70b").contains("deepseek-v2-lite");
    assertThat(run("hardware").out()).contains("t4-flexgen").contains("a6000-csd").contains("hgx-h100x8");
    assertThat(run("presets").out()).contains("kvquant-2-1pct").contains("instinfer").contains("arXiv");
    assertThat(run("models", "--json").code()).isZero();
    assertThat(run("hardware", "--json").code()).isZero();
  }
}
