package io.tiersim.cli;

import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.Simulator;
import io.tiersim.simulator.engine.Bottleneck;
import io.tiersim.simulator.event.ChromeTrace;
import io.tiersim.simulator.event.EventReport;
import io.tiersim.simulator.event.EventSimulator;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.engine.TimingInterval;
import io.tiersim.simulator.result.OverflowResult;
import io.tiersim.simulator.result.ScenarioResult;
import io.tiersim.simulator.result.ScenarioSummary;
import io.tiersim.simulator.result.StrategyResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiersim simulate FILE}: memory per tier, fit and capacity of every strategy in a scenario. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Simulate a scenario: where the bytes go on each tier for every strategy, whether it fits, the largest batch and prompt that fit, and time: TTFT, TPOT, throughputs and the bottleneck of each phase.")
final class SimulateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Scenario YAML (see README: scenario format).")
  Path file;

  @Option(names = "--json", description = "Print results as JSON.")
  boolean json;

  @Option(names = {"-o", "--out"}, paramLabel = "PATH", description = "Write the output to PATH instead of standard output.")
  Path out;

  @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "analytic",
      description = "Timing engine: analytic (closed form, default) or event (discrete-event simulation; compares with analytic).")
  Engine engine;

  @Option(names = "--trace", paramLabel = "FILE",
      description = "With --engine event: write the simulated timeline as Chrome trace-event JSON (opens in Perfetto).")
  Path trace;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Which engine times the strategies. */
  enum Engine { analytic, event }

  @Override
  public Integer call() {
    if (trace != null && engine != Engine.event) {
      throw InputException.of("--trace", "a trace needs the event engine; add --engine event");
    }
    Scenario scenario = ScenarioLoader.bundled().load(file);
    if (scenario.workload() == null) {
      throw new InputException(file, 0, "workload", "this is a serving scenario (it has a 'serving' block and no "
          + "workload); run it with: tiersim serve " + file);
    }
    if (engine == Engine.event) {
      ChromeTrace timeline = trace == null ? null : new ChromeTrace(EventCommands.TRACE_EVENT_LIMIT);
      EventReport report = EventSimulator.simulate(scenario, timeline);
      String text = json ? JsonOutput.write(report) : EventCommands.table(report);
      EventCommands.emitTrace(timeline, trace, spec.commandLine().getErr());
      Output.emit(text, out, spec.commandLine().getOut());
      return 0;
    }
    ScenarioResult result = Simulator.simulate(scenario);
    String text = json ? JsonOutput.write(result) : table(result);
    Output.emit(text, out, spec.commandLine().getOut());
    return 0;
  }

  static String table(ScenarioResult r) {
    return table(r, "analytic engine");
  }

  static String table(ScenarioResult r, String engineLabel) {
    ScenarioSummary s = r.scenario();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("Scenario %s: %s on %s (%d GPU%s), batch %d, prompt %d + generate %d tokens%n%n",
        s.name(), s.model(), s.system(), s.gpuCount(), s.gpuCount() == 1 ? "" : "s", s.batchSize(),
        s.promptTokens(), s.generateTokens()));
    if (r.results().stream().anyMatch(x -> "model_positions".equals(x.maxPromptLimitedBy()) && x.maxPromptTokens() < s.promptTokens())) {
      sb.append(String.format("Note: prompt + generated tokens exceed the model's context window; memory is still accounted for the full length.%n%n"));
    }
    TextTable t = new TextTable("strategy", "fits", "GPU peak", "CPU", "disk", "CSD", "KV cache", "weights",
        "peak at", "max batch", "max prompt");
    for (StrategyResult x : r.results()) {
      t.row(x.strategy(), x.fits() ? "yes" : "NO", Bytes.gib(x.peakMemoryBytes().gpu()), Bytes.gib(x.peakMemoryBytes().cpu()),
          Bytes.gib(x.peakMemoryBytes().disk()), Bytes.gib(x.peakMemoryBytes().csd()), Bytes.gib(x.kvCacheBytes()),
          Bytes.gib(x.weightsBytes()), x.gpuPeakPhase(), x.maxBatchSize(),
          x.maxPromptTokens() + ("model_positions".equals(x.maxPromptLimitedBy()) ? "*" : ""));
    }
    sb.append(t.render());
    if (r.results().stream().anyMatch(x -> "model_positions".equals(x.maxPromptLimitedBy()))) {
      sb.append(String.format("%n* limited by the model's context window, not by memory%n"));
    }
    sb.append(String.format("%nTime (%s, %s runtime; a strategy that does not fit is timed as if it did, marked !;"
        + " ranges: the efficiency curves at either end of their bounds):%n%n", engineLabel, s.runtime()));
    TextTable times = new TextTable("strategy", "TTFT", "TTFT range", "TPOT", "TPOT range", "prefill tok/s",
        "decode tok/s", "generation tok/s", "prefill bound", "decode bound");
    for (StrategyResult x : r.results()) {
      Timing tm = x.timing();
      TimingInterval ti = x.timingInterval();
      times.row(x.strategy() + (x.fits() ? "" : " !"), Seconds.of(tm.ttftS()),
          ti == null ? "-" : Seconds.range(ti.ttftS().low(), ti.ttftS().high()),
          tm.tpotS() == null ? "-" : Seconds.of(tm.tpotS()),
          ti == null || ti.tpotS() == null ? "-" : Seconds.range(ti.tpotS().low(), ti.tpotS().high()),
          Rate.of(tm.prefillTokensPerS()),
          tm.decodeTokensPerS() == null ? "-" : Rate.of(tm.decodeTokensPerS()), Rate.of(tm.generationTokensPerS()),
          bound(tm.bottleneck().prefill()), bound(tm.bottleneck().decode()));
    }
    sb.append(times.render());
    for (StrategyResult x : r.results()) {
      if (!x.fits()) {
        sb.append(String.format("%n%s does not fit: %s", x.strategy(), x.overflows().stream()
            .map(SimulateCommand::describe).collect(Collectors.joining("; "))));
      }
    }
    if (r.results().stream().anyMatch(x -> !x.fits())) {
      sb.append(System.lineSeparator());
    }
    return sb.toString();
  }

  /** The binding resource and its share of the phase, e.g. {@code hbm 84%}. */
  private static String bound(Bottleneck b) {
    return b.shares().isEmpty() ? "-" : String.format(java.util.Locale.ROOT, "%s %.0f%%", b.bound(), 100 * b.share(b.bound()));
  }

  private static String describe(OverflowResult o) {
    return String.format("%s needs %s at %s peak but has %s (over by %s)", o.tier(), Bytes.gib(o.neededBytes()),
        o.phase(), Bytes.gib(o.capacityBytes()), Bytes.gib(o.overflowBytes()));
  }
}
