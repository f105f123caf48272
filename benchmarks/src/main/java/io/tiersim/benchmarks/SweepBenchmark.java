package io.tiersim.benchmarks;

import io.tiersim.simulator.sweep.SweepLoader;
import io.tiersim.simulator.sweep.SweepPlan;
import io.tiersim.simulator.sweep.SweepRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Points per second of {@code tiersim sweep}: whole runs (grid expansion, evaluation on a pool of
 * {@code threads} workers, the journal, the ordered CSV and JSON, the answers) into a fresh folder.
 * {@link #points} reports points per second on a 2,016-point grid; {@link #hundredThousandPoints}
 * times one cold run of a 100,000-point grid in a 256 MiB heap, which shows that the rows are
 * streamed, not held. Run: {@code -Djmh.args='SweepBenchmark'}.
 */
@State(Scope.Benchmark)
public class SweepBenchmark {
  /** 2 models x 2 systems x 7 strategies x 3 contexts x 4 batches x 3 rates = 2,016 points (672 evaluations). */
  static final String SMALL = """
      name: bench-small
      models: [llama-3.1-8b, qwen2-7b]
      systems: [h100-sxm, a100-80gb]
      runtime: cuda_graphs
      axes:
        batch_size: [1, 8, 32, 128]
        context_tokens: [2048, 8192, 32768]
        generate_tokens: [256]
        request_rate_per_s: [1, 4, 16]
      slo: {ttft_s: 5, tpot_s: 0.05}
      strategies:
        - {preset: full-fp16}
        - {preset: kivi-2}
        - {preset: kivi-4}
        - {preset: snapkv}
        - {preset: streamingllm}
        - {preset: duoattention}
        - {preset: qserve-w4a8kv4}
      """;

  /**
   * 5 models x 5 systems x 10 strategies x 4 generated lengths x 5 contexts x 10 batches = 50,000
   * evaluations, x 2 request rates = 100,000 points; with {@code rates: none} the contexts double
   * instead, so that every one of the 100,000 points is its own evaluation.
   */
  static final String LARGE = """
      name: bench-100k
      models: [llama-3.1-8b, llama-3.1-70b, qwen2-7b, mistral-7b, llama-3-8b]
      systems: [h100-sxm, h200, a100-80gb, l40s, hgx-h100x8]
      runtime: cuda_graphs
      axes:
        batch_size: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]
        context_tokens: CONTEXTS
        generate_tokens: [128, 256, 384, 512]
        RATES
      slo: {ttft_s: 5, tpot_s: 0.1}
      strategies:
        - {preset: full-fp16}
        - {preset: kivi-2}
        - {preset: kivi-4}
        - {preset: kvquant-4-1pct}
        - {preset: gear}
        - {preset: qserve-w4a8kv4}
        - {preset: snapkv}
        - {preset: streamingllm}
        - {preset: duoattention}
        - {preset: razorattention}
      """;

  @Param({"1", "2"})
  public int threads;

  private Path dir;
  private SweepPlan small;

  @Setup(Level.Trial)
  public void load() throws IOException {
    dir = Files.createTempDirectory("tiersim-sweep-bench");
    small = plan("small.yaml", SMALL);
  }

  private SweepPlan plan(String name, String text) {
    try {
      return SweepLoader.bundled().load(Files.writeString(dir.resolve(name), text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void clean() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private SweepRunner.Outcome run(SweepPlan plan) {
    SweepRunner r = new SweepRunner(plan, dir.resolve("out"), threads, SweepRunner.Listener.NONE);
    r.prepare(true);
    SweepRunner.Outcome o = r.run(new AtomicBoolean());
    if (!o.complete() || o.computed() != plan.pointCount()) {
      throw new IllegalStateException("sweep did not compute every point: " + o);
    }
    return o;
  }

  /** Points per second, whole runs of the 2,016-point grid. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(2016)
  @Fork(1)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 10)
  public SweepRunner.Outcome points() {
    return run(small);
  }

  /** Seconds for one cold 100,000-point run (JIT warm-up included) in a 256 MiB heap. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Fork(value = 1, jvmArgsAppend = "-Xmx256m")
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  public SweepRunner.Outcome hundredThousandPoints(Large large) {
    return run(large.plan);
  }

  /** The 100,000-point grid, with two rates per evaluation or one evaluation per point. */
  @State(Scope.Benchmark)
  public static class Large {
    @Param({"two", "none"})
    public String rates;

    SweepPlan plan;

    @Setup(Level.Trial)
    public void load(SweepBenchmark b) {
      boolean two = rates.equals("two");
      String text = LARGE.replace("CONTEXTS", two ? "[1024, 2048, 4096, 6144, 8192]"
              : "[1024, 1536, 2048, 3072, 4096, 5120, 6144, 7168, 8192, 16384]")
          .replace("RATES", two ? "request_rate_per_s: [1, 10]" : "");
      plan = b.plan("large-" + rates + ".yaml", text);
      if (plan.pointCount() != 100_000) {
        throw new IllegalStateException("expected 100,000 points, got " + plan.pointCount());
      }
    }
  }
}
