package io.tiersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SweepCommandTest {
  static final String SWEEP = """
      name: cli-test
      models: [llama-3.1-8b]
      systems: [h100-sxm, a100-80gb]
      runtime: cuda_graphs
      axes:
        batch_size: [1, 4, 16, 64]
        context_tokens: [2048, 8192, 32768]
        generate_tokens: [128, 256]
        request_rate_per_s: [1, 4]
      slo: {ttft_s: 4, tpot_s: 0.05}
      strategies:
        - preset: full-fp16
        - preset: kivi-2
        - preset: kivi-4
        - preset: snapkv
        - preset: streamingllm
        - preset: duoattention
        - preset: qserve-w4a8kv4
      """;

  @TempDir Path dir;

  private Path sweep(String text) throws IOException {
    return Files.writeString(dir.resolve("sweep.yaml"), text);
  }

  @Test
  void badInput_exitsTwo_namesFileLineField_andWritesNothing() throws IOException {
    Path f = sweep(SWEEP.replace("batch_size: [1, 4,", "batch_size: [0, 4,"));
    Path out = dir.resolve("out");
    CliTest.Run r = CliTest.run("sweep", "--no-progress", "-o", out.toString(), f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("sweep.yaml:6:").contains("axes.batch_size[0]").contains("positive");
    assertThat(r.out()).isEmpty();
    assertThat(out).doesNotExist();
  }

  @Test
  void folderOfAnotherSweep_exitsTwo_untouched() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("sweep.json"), "{\"name\": \"other\", \"fingerprint\": \"abc\", \"complete\": true}");
    CliTest.Run r = CliTest.run("sweep", "--no-progress", "-o", out.toString(), sweep(SWEEP).toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("another sweep").contains("--fresh");
    assertThat(Files.readString(out.resolve("sweep.json"))).contains("abc");
  }

  /** A real Ctrl-C (SIGINT) to a running {@code tiersim sweep}: the rows so far are kept, and the rerun resumes. */
  @Test
  void sigint_keepsRows_andTheSameCommandResumes() throws Exception {
    Path f = sweep(SWEEP);
    Path out = dir.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(List.of(java, "-Dtiersim.home=" + System.getProperty("tiersim.home"), "-cp",
        System.getProperty("java.class.path"), TiersimCommand.class.getName(), "sweep", "--no-progress", "--threads", "1",
        "-o", out.toString(), f.toString())).redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    Path journal = out.resolve("points.partial.csv");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && (!Files.exists(journal) || Files.size(journal) < 4000) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Assumptions.assumeTrue(p.isAlive(), "the sweep finished before it could be interrupted");
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("log"))).isEqualTo(SweepCommand.EXIT_INTERRUPTED);
    assertThat(Files.readString(dir.resolve("log"))).contains("interrupted after").contains("resume");
    long kept = Files.lines(journal).count() - 1;
    assertThat(kept).isPositive();
    assertThat(new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("complete").asBoolean()).isFalse();

    CliTest.Run r = CliTest.run("sweep", "--no-progress", "-o", out.toString(), f.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(kept + " already done");
    long points = new ObjectMapper().readTree(out.resolve("sweep.json").toFile()).get("points").asLong();
    assertThat(Files.lines(out.resolve("points.csv")).count()).isEqualTo(points + 1);
    assertThat(journal).doesNotExist();
  }
}
