package io.tiersim.cli;

import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.ArrivalConfig;
import io.tiersim.model.scenario.RateSearchConfig;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.model.scenario.SchedulerConfig;
import io.tiersim.model.scenario.ServingConfig;
import io.tiersim.model.scenario.SloConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.event.ChromeTrace;
import io.tiersim.simulator.serving.LatencyStats;
import io.tiersim.simulator.serving.RateSearch;
import io.tiersim.simulator.serving.Requests;
import io.tiersim.simulator.serving.ServeReport;
import io.tiersim.simulator.serving.ServingMetrics;
import io.tiersim.simulator.serving.ServingProgress;
import io.tiersim.simulator.serving.ServingResult;
import io.tiersim.simulator.serving.ServingRun;
import io.tiersim.simulator.serving.ServingSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tiersim serve FILE}: serves a scenario's requests under load with every strategy and
 * reports latency percentiles, throughput, goodput under the SLOs, memory over time and, with
 * {@code --search}, the highest rate that meets the SLOs.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve requests arriving over time (the scenario's serving: block) with continuous batching, chunked"
        + " prefill and paged KV: TTFT, TPOT and end-to-end percentiles, throughput, goodput under SLOs, memory per tier,"
        + " and with --search the highest rate that meets the SLOs.")
final class ServeCommand implements Callable<Integer> {
  /** Requests (or requests times probes) above which a progress bar is drawn on a terminal. */
  static final long PROGRESS_THRESHOLD = 20_000;

  @Parameters(paramLabel = "FILE", description = "Scenario YAML with a serving: block (see README: serving).")
  Path file;

  @Option(names = "--json", description = "Print results as JSON.")
  boolean json;

  @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the output to PATH instead of standard output.")
  Path out;

  @Option(names = "--trace", paramLabel = "FILE", description = "Write the simulated timeline (iterations, swaps, memory) as Chrome trace-event JSON.")
  Path trace;

  @Option(names = "--rate", paramLabel = "PER_S", description = "Override the arrival rate (requests per second).")
  Double rate;

  @Option(names = "--requests", paramLabel = "N", description = "Override the number of requests.")
  Integer requests;

  @Option(names = "--seed", paramLabel = "SEED", description = "Override the arrival seed.")
  Long seed;

  @Option(names = "--strategy", paramLabel = "NAME", description = "Serve only this strategy (repeatable).")
  List<String> only;

  @Option(names = "--preemption", paramLabel = "KIND", description = "Override the preemption: recompute or swap.")
  PreemptionOption preemption;

  @Option(names = "--search", description = "Search the highest rate that meets the SLOs (bisection; see serving.search).")
  boolean search;

  @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
      description = "Progress bar on standard error: auto (on a terminal, for long runs), always or never.")
  When progress;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** When to draw the progress bar. */
  enum When { auto, always, never }

  /** The preemption kinds as spelt on the command line. */
  enum PreemptionOption { recompute, swap }

  @Override
  public Integer call() {
    Scenario scenario = ScenarioLoader.bundled().load(file);
    ServingConfig serving = overridden(scenario);
    if (search && serving.slo() == null) {
      throw new InputException(file, 0, "serving.slo", "the rate search needs SLOs; add slo: {ttft_s, tpot_s}");
    }
    Requests base = Requests.of(serving.arrival());
    List<Strategy> strategies = selected(scenario);
    CostModel cost = new CostModel(scenario.system());
    ChromeTrace timeline = trace == null ? null : new ChromeTrace(EventCommands.TRACE_EVENT_LIMIT);
    RateSearchConfig searchCfg = serving.search() != null ? serving.search() : RateSearchConfig.defaults();
    Requests probeBase = searchCfg.requests() == null ? base
        : Requests.of(serving.arrival().withRequests(searchCfg.requests()));
    long work = strategies.size() * ((long) base.size() + (search ? 12L * probeBase.size() : 0));
    List<ServingResult> results = new ArrayList<>();
    try (Bar bar = new Bar(work)) {
      for (Strategy s : strategies) {
        ServingSimulator sim = new ServingSimulator(scenario.model(), cost, scenario.runtime(), s, serving);
        ServingRun run = sim.run(base, bar.offset(), timeline);
        bar.advance(base.size());
        ServingResult r = ServingMetrics.summarize(run, serving.slo(), serving.scheduler().maxSequences());
        if (search) {
          r = r.withMaxRate(RateSearch.search(sim, probeBase, serving.slo(), searchCfg,
              serving.scheduler().maxSequences(), bar.offset()));
          bar.advance(12L * probeBase.size());
        }
        results.add(r);
      }
    }
    ServeReport report = new ServeReport(summary(scenario, serving, base), results);
    String text = json ? JsonOutput.write(report) : table(report);
    EventCommands.emitTrace(timeline, trace, spec.commandLine().getErr());
    Output.emit(text, out, spec.commandLine().getOut());
    return 0;
  }

  private ServingConfig overridden(Scenario scenario) {
    ServingConfig serving = scenario.serving();
    if (serving == null) {
      throw new InputException(file, 0, "serving", "this scenario has no 'serving' block; add one (see README: serving)"
          + " or time its batch workload with: tiersim simulate " + file);
    }
    ArrivalConfig a = serving.arrival();
    try {
      if (rate != null) {
        a = a.withRate(rate);
      }
      if (requests != null) {
        a = a.withRequests(requests);
      }
      if (seed != null) {
        a = a.withSeed(seed);
      }
    } catch (IllegalArgumentException e) {
      throw InputException.of(null, "--rate/--requests: " + e.getMessage());
    }
    SchedulerConfig c = serving.scheduler();
    if (preemption != null) {
      c = new SchedulerConfig(c.maxBatchTokens(), c.maxSequences(), c.chunkedPrefill(), c.blockTokens(),
          preemption == PreemptionOption.swap ? SchedulerConfig.Preemption.SWAP : SchedulerConfig.Preemption.RECOMPUTE,
          c.swapBlocksPerTransfer(), c.prefixCaching(), c.sharedPrefixAttention(), c.kvMemoryFraction());
    }
    return new ServingConfig(a, c, serving.slo(), serving.search());
  }

  private List<Strategy> selected(Scenario scenario) {
    if (only == null || only.isEmpty()) {
      return scenario.strategies();
    }
    List<Strategy> out = new ArrayList<>();
    for (String name : only) {
      out.add(scenario.strategies().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
          InputException.of("--strategy", "no strategy named '" + name + "' in " + file + "; expected one of: "
              + String.join(", ", scenario.strategies().stream().map(Strategy::name).toList()))));
    }
    return out;
  }

  private static ServeReport.Summary summary(Scenario sc, ServingConfig serving, Requests base) {
    ArrivalConfig a = serving.arrival();
    String traceName = a.trace() == null ? null : Path.of(a.trace()).getFileName().toString();
    SchedulerConfig c = serving.scheduler();
    return new ServeReport.Summary(sc.name(), sc.model().id(), sc.system().id(), sc.system().gpuCount(),
        sc.runtime().key(), a.kind().name().toLowerCase(Locale.ROOT), traceName, base.ratePerS(), base.size(), a.seed(),
        c.maxBatchTokens(), c.maxSequences(), c.preemption().name().toLowerCase(Locale.ROOT));
  }

  static String table(ServeReport r) {
    ServeReport.Summary s = r.scenario();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Serving %s: %s on %s (%d GPU%s), %s runtime; %d requests, %s at %.4g requests/s"
            + " (seed %d); budget %d tokens per iteration, at most %d sequences, %s on preemption%n",
        s.name(), s.model(), s.system(), s.gpuCount(), s.gpuCount() == 1 ? "" : "s", s.runtime(), s.requests(),
        s.trace() != null ? "trace " + s.trace() : s.arrival(), s.ratePerS(), s.seed(), s.maxBatchTokens(),
        s.maxSequences(), s.preemption()));
    ServingResult any = r.results().isEmpty() ? null : r.results().get(0);
    if (any != null && any.slo() != null) {
      sb.append(String.format(Locale.ROOT, "SLOs: %s; a rate meets them when %.0f%% of requests do%n", slo(any),
          100 * any.slo().attainment()));
    }
    sb.append(System.lineSeparator());
    TextTable t = new TextTable("strategy", "done", "rejected", "req/s", "out tok/s", "TTFT p50", "p90", "p99",
        "TPOT p50", "p90", "p99", "E2E p50", "p99", "SLO met", "goodput", "preempt", "peak GPU", "KV blocks");
    for (ServingResult x : r.results()) {
      LatencyStats ttft = x.ttftS();
      LatencyStats tpot = x.tpotS();
      LatencyStats e2e = x.e2eS();
      t.row(x.strategy() + (x.sustained() ? "" : " !"), x.completed(), x.rejected(), Rate.of(x.requestsPerS()),
          Rate.of(x.outputTokensPerS()), sec(ttft, 50), sec(ttft, 90), sec(ttft, 99), sec(tpot, 50), sec(tpot, 90),
          sec(tpot, 99), sec(e2e, 50), sec(e2e, 99),
          x.sloAttainment() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * x.sloAttainment()),
          x.goodputRequestsPerS() == null ? "-" : Rate.of(x.goodputRequestsPerS()) + " /s", x.preemptions(),
          Bytes.gib(x.peakMemoryBytes().gpu()), x.kvBlocks());
    }
    sb.append(t.render());
    for (ServingResult x : r.results()) {
      if (!x.sustained()) {
        sb.append(String.format("%n%s ! does not sustain this rate: %s%n", x.strategy(), x.sustainability()));
      }
      if (x.rejected() > 0 && x.note() == null) {
        sb.append(String.format("%n%s rejected %d requests whose KV cannot fit in its %d blocks of %d tokens%n",
            x.strategy(), x.rejected(), x.kvBlocks(), x.kvBlockTokens()));
      }
    }
    if (r.results().stream().anyMatch(x -> x.maxRate() != null)) {
      sb.append(String.format("%nHighest rate within the SLOs:%n%n"));
      TextTable m = new TextTable("strategy", "max rate", "fails at", "probes", "verdict");
      for (ServingResult x : r.results()) {
        RateSearch.Result mr = x.maxRate();
        m.row(x.strategy(), mr.ratePerS() == null ? "-" : String.format(Locale.ROOT, "%.4g /s", mr.ratePerS()),
            mr.failingRatePerS() == null ? "-" : String.format(Locale.ROOT, "%.4g /s", mr.failingRatePerS()),
            mr.probes().size(), mr.verdict());
      }
      sb.append(m.render());
    }
    return sb.toString();
  }

  private static String slo(ServingResult x) {
    List<String> parts = new ArrayList<>();
    if (x.slo().ttftS() != null) {
      parts.add("TTFT <= " + Seconds.of(x.slo().ttftS()));
    }
    if (x.slo().tpotS() != null) {
      parts.add("TPOT <= " + Seconds.of(x.slo().tpotS()));
    }
    if (x.slo().e2eS() != null) {
      parts.add("end-to-end <= " + Seconds.of(x.slo().e2eS()));
    }
    return String.join(", ", parts);
  }

  private static String sec(LatencyStats s, int p) {
    if (s == null) {
      return "-";
    }
    return Seconds.of(p == 50 ? s.p50() : p == 90 ? s.p90() : s.p99());
  }

  /** A progress bar on standard error (me.tongfei.progressbar), or nothing. */
  private final class Bar implements AutoCloseable {
    private final ProgressBar bar;
    private long base;

    Bar(long total) {
      boolean show = progress == When.always || (progress == When.auto && System.console() != null && total >= PROGRESS_THRESHOLD);
      bar = show ? new ProgressBarBuilder().setTaskName("serve").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUpdateIntervalMillis(200).showSpeed().build() : null;
    }

    ServingProgress offset() {
      if (bar == null) {
        return ServingProgress.NONE;
      }
      long at = base;
      return (done, total) -> bar.stepTo(at + done);
    }

    void advance(long n) {
      base += n;
      if (bar != null) {
        bar.stepTo(base);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }
}
