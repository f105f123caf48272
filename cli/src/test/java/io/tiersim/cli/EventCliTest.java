package io.tiersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.TiersimHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --engine event}, {@code --trace} and {@code serve} from the command line. */
final class EventCliTest {
  static final Path CHAT = TiersimHome.scenarios().resolve("serving/chat-llama-3.1-8b-h100.yaml");
  static final Path FLEXGEN = TiersimHome.scenarios().resolve("published/flexgen-t4-opt-30b.yaml");

  @TempDir Path dir;

  @Test
  void simulateEvent_tracesEveryServer_asValidChromeTraceJson() throws IOException {
    Path trace = dir.resolve("t/trace.json");
    CliTest.Run r = CliTest.run("simulate", "--engine", "event", "--trace", trace.toString(), FLEXGEN.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Event engine against the analytic engine").contains("agrees");
    JsonNode root = new ObjectMapper().readTree(trace.toFile());
    JsonNode events = root.get("traceEvents");
    assertThat(events.isArray()).isTrue();
    Set<String> rows = new HashSet<>();
    Set<String> named = new HashSet<>();
    int complete = 0;
    for (JsonNode e : events) {
      String ph = e.get("ph").asText();
      assertThat(ph).isIn("M", "X", "C");
      assertThat(e.get("pid").isInt()).isTrue();
      if (ph.equals("M") && e.get("name").asText().equals("thread_name")) {
        named.add(e.get("pid") + "/" + e.get("tid"));
      }
      if (ph.equals("X")) {
        complete++;
        assertThat(e.get("name").isTextual()).isTrue();
        assertThat(e.get("ts").asDouble()).isNotNegative();
        assertThat(e.get("dur").asDouble()).isNotNegative();
        rows.add(e.get("pid") + "/" + e.get("tid"));
      }
    }
    assertThat(complete).isGreaterThan(1000);
    assertThat(named).containsAll(rows);
    assertThat(events.toString()).contains("copy engine host->device").contains("gpu compute stream").contains("cpu");
  }

  @Test
  void simulateEventJson_isByteIdentical_andCarriesTheComparison() throws IOException {
    CliTest.Run a = CliTest.run("simulate", "--engine", "event", "--json", FLEXGEN.toString());
    CliTest.Run b = CliTest.run("simulate", "--engine", "event", "--json", FLEXGEN.toString());
    assertThat(a.out()).isEqualTo(b.out());
    JsonNode root = new ObjectMapper().readTree(a.out());
    assertThat(root.get("engine").asText()).isEqualTo("event");
    JsonNode c = root.get("event").get(0);
    assertThat(Math.abs(c.get("difference").asDouble())).isLessThan(0.02);
    assertThat(root.get("results").get(0).get("tpot_s").asDouble()).isPositive();
  }

  @Test
  void serveJson_isByteIdenticalForTheSameSeed_andReportsPercentilesAndMemory() throws IOException {
    CliTest.Run a = CliTest.run("serve", "--json", "--requests", "400", CHAT.toString());
    CliTest.Run b = CliTest.run("serve", "--json", "--requests", "400", CHAT.toString());
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(a.out()).isEqualTo(b.out());
    JsonNode x = new ObjectMapper().readTree(a.out()).get("results").get(0);
    for (String k : new String[] {"ttft_s", "tpot_s", "e2e_s"}) {
      assertThat(x.get(k).get("p99").asDouble()).as(k).isGreaterThanOrEqualTo(x.get(k).get("p50").asDouble());
    }
    assertThat(x.get("goodput_requests_per_s").asDouble()).isPositive();
    assertThat(x.get("memory_timeline").size()).isGreaterThan(10);
    assertThat(x.get("peak_memory_bytes").get("gpu").asLong()).isPositive();
    CliTest.Run other = CliTest.run("serve", "--json", "--requests", "400", "--seed", "8", CHAT.toString());
    assertThat(other.out()).isNotEqualTo(a.out());
  }

  @Test
  void serve_unsustainableRate_isReportedClearly_withExitZero() {
    CliTest.Run r = CliTest.run("serve", "--rate", "400", "--requests", "1500", "--strategy", "full-fp16", CHAT.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("full-fp16 !").contains("does not sustain this rate").contains("requests/s");
  }

  @Test
  void serve_search_findsAMaxRate_andTracesIterations() throws IOException {
    Path trace = dir.resolve("serve.json");
    CliTest.Run r = CliTest.run("serve", "--search", "--requests", "300", "--strategy", "kivi-4", "--trace",
        trace.toString(), CHAT.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Highest rate within the SLOs").contains("meets the SLOs");
    JsonNode root = new ObjectMapper().readTree(trace.toFile());
    assertThat(root.get("traceEvents").toString()).contains("gpu iterations").contains("memory (GiB)");
  }

  @Test
  void malformedTrace_exitsTwo_namingFileLineAndField_andWritesNothing() throws IOException {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "arrival_s,prompt_tokens,output_tokens\n0,10,5\n1,ten,5\n");
    Path yaml = dir.resolve("s.yaml");
    Files.writeString(yaml, String.join("\n", "model: llama-3.1-8b", "system: h100-sxm", "strategies:",
        "  - preset: full-fp16", "serving:", "  arrival: {kind: trace, trace: bad.csv}", ""));
    Path out = dir.resolve("out.json");
    CliTest.Run r = CliTest.run("serve", "--json", "-o", out.toString(), yaml.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.csv:3").contains("prompt_tokens").contains("positive integer");
    assertThat(out).doesNotExist();
    Files.writeString(yaml, Files.readString(yaml).replace("bad.csv", "nope.csv"));
    CliTest.Run missing = CliTest.run("serve", yaml.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("s.yaml:6").contains("serving.arrival.trace").contains("not found");
  }

  @Test
  void wrongCommandForTheScenario_andTraceWithoutEventEngine_exitTwo() {
    assertThat(CliTest.run("simulate", CHAT.toString()).err()).contains("tiersim serve");
    assertThat(CliTest.run("serve", FLEXGEN.toString()).err()).contains("no 'serving' block");
    CliTest.Run r = CliTest.run("simulate", "--trace", dir.resolve("x.json").toString(), FLEXGEN.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--engine event");
  }
}
