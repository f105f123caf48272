package io.tiersim.cli;

import io.tiersim.simulator.sweep.SweepLoader;
import io.tiersim.simulator.sweep.SweepPlan;
import io.tiersim.simulator.sweep.SweepRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tiersim sweep FILE}: expands a sweep's axes to its grid, evaluates every point on all
 * cores, and writes ordered CSV and JSON rows plus capacity answers. Ctrl-C keeps the rows
 * computed so far; the same command resumes.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = {"Run a capacity-planning sweep: every point of the grid of models x systems x strategies x KV budgets x "
        + "generated tokens x contexts x batch sizes x request rates, evaluated in parallel, written to DIR as points.csv "
        + "and points.json (one row per point, stable columns), answers.json and answers.md (fewest GPUs per system "
        + "type for each demand, largest batch per GPU, longest context, Pareto front of throughput, memory and quality loss).",
        "Interrupting keeps what was computed (DIR/points.partial.csv); running the same command again resumes."})
final class SweepCommand implements Callable<Integer> {
  static final int EXIT_INTERRUPTED = 130;

  @Parameters(paramLabel = "FILE", description = "Sweep YAML (see README: sweeps).")
  Path file;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: out/sweeps/NAME).")
  Path out;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--fresh", description = "Discard results of another or the same sweep in DIR and start over.")
  boolean fresh;

  @Option(names = "--no-progress", description = "No progress bar (it is off anyway when standard error is not a terminal).")
  boolean noProgress;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    SweepPlan plan = SweepLoader.bundled().load(file);
    Path dir = out != null ? out : Path.of("out", "sweeps", plan.name());
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Progress progress = new Progress(!noProgress && System.console() != null);
    SweepRunner runner = new SweepRunner(plan, dir, workers, progress);
    runner.prepare(fresh);
    AtomicBoolean cancel = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancel.set(true);
      try {
        finished.await(30, TimeUnit.SECONDS); // let the workers stop and the journal flush
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "tiersim-sweep-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    long start = System.nanoTime();
    try {
      SweepRunner.Outcome o;
      try {
        o = runner.run(cancel);
      } finally {
        progress.close();
      }
      return report(plan, dir, workers, o, (System.nanoTime() - start) / 1e9, stdout, stderr);
    } finally {
      // Only now may an interrupted JVM exit: the journal is closed and the message printed.
      finished.countDown();
      removeHook(hook);
    }
  }

  private static int report(SweepPlan plan, Path dir, int workers, SweepRunner.Outcome o, double seconds,
      PrintWriter stdout, PrintWriter stderr) {
    if (o.droppedJournalBytes() > 0) {
      stderr.printf(Locale.ROOT, "tiersim: dropped an unfinished last row (%d bytes) from the journal%n", o.droppedJournalBytes());
    }
    if (!o.complete()) {
      stderr.printf(Locale.ROOT, "tiersim: interrupted after %d of %d points; they are kept in %s. Run the same command "
          + "again to resume.%n", o.resumed() + o.computed(), o.points(), dir.resolve("points.partial.csv"));
      stderr.flush();
      return EXIT_INTERRUPTED;
    }
    stdout.printf(Locale.ROOT, "Sweep %s: %d points (%d computed, %d already done) in %.1f s on %d threads%n", plan.name(),
        o.points(), o.computed(), o.resumed(), seconds, workers);
    for (String skipped : plan.skipped()) {
      stdout.println("  not run: " + skipped);
    }
    stdout.printf("Wrote %s (points.csv, points.json, answers.json, answers.md, sweep.json)%n", dir);
    stdout.flush();
    return 0;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down (the hook is what stopped the run).
    }
  }

  /** The progress bar (me.tongfei:progressbar) on standard error, or nothing. */
  private static final class Progress implements SweepRunner.Listener {
    private final boolean enabled;
    private ProgressBar bar;

    Progress(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    public synchronized void started(long points, long alreadyDone) {
      if (!enabled) {
        return;
      }
      bar = new ProgressBarBuilder().setTaskName("sweep").setInitialMax(points).setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(250).showSpeed()
          .setUnit(" points", 1).build();
      bar.stepTo(alreadyDone);
    }

    @Override
    public void advanced(long points) {
      ProgressBar b = bar;
      if (b != null) {
        b.stepBy(points);
      }
    }

    synchronized void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
