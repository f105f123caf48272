package io.tiersim.cli;

import io.tiersim.model.Tier;
import io.tiersim.model.io.InputException;
import io.tiersim.planner.cost.CostSources;
import io.tiersim.planner.cost.LayerCostSource;
import io.tiersim.planner.plan.PlanLoader;
import io.tiersim.planner.plan.PlanRequest;
import io.tiersim.planner.plan.PlanResult;
import io.tiersim.planner.plan.PlanWriter;
import io.tiersim.planner.plan.Planner;
import io.tiersim.planner.pricing.LayerSpan;
import io.tiersim.planner.solver.Shortfall;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.BudgetDimension;
import io.tiersim.simulator.memory.PhaseMemory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiersim plan FILE}: the best per-layer mix within memory, quality and latency budgets. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Choose one policy per layer (and the batch size) that maximises throughput within the budgets of a plan file.")
final class PlanCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Plan YAML (see README: tiersim plan).")
  Path file;

  @Option(names = "--json", description = "Print the plan as a scenario (JSON) that 'tiersim simulate' runs.")
  boolean json;

  @Option(names = {"-o", "--out"}, paramLabel = "PATH",
      description = "Write the plan as a scenario to PATH (YAML for .yaml/.yml, else JSON).")
  Path out;

  @Option(names = "--solver", paramLabel = "KIND", description = "exact, local-search or auto (default: the file's, else auto).")
  String solver;

  @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Local search limit (a fixed amount of work; default: the file's, else 5).")
  Double timeLimitS;

  @Option(names = "--seed", paramLabel = "N", description = "Local search seed (default: the file's, else 42).")
  Long seed;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PlanRequest request = withOptions(PlanLoader.bundled().load(file));
    PlanResult result = new Planner(costSource(request)).plan(request);
    if (!result.feasible()) {
      throw infeasible(request, result);
    }
    if (out != null) {
      String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
      Output.emit(name.endsWith(".yaml") || name.endsWith(".yml") ? PlanWriter.yaml(result) : PlanWriter.json(result), out, null);
    }
    Output.emit(json ? PlanWriter.json(result) : report(result), null, spec.commandLine().getOut());
    return 0;
  }

  /** The one place the CLI picks the cost source: {@link CostSources#forSystem}, the analytic engine. */
  static LayerCostSource costSource(PlanRequest r) {
    return CostSources.forSystem(r.context().model(), r.context().system());
  }

  private PlanRequest withOptions(PlanRequest r) {
    SolverOptions o = r.solver();
    SolverKind kind = o.kind();
    if (solver != null) {
      try {
        kind = SolverKind.parse(solver);
      } catch (IllegalArgumentException e) {
        throw InputException.of("--solver", "expected exact, local-search or auto, got '" + solver + "'");
      }
    }
    if (timeLimitS != null && !(timeLimitS > 0)) {
      throw InputException.of("--time-limit", "expected a positive number of seconds, got " + timeLimitS);
    }
    return r.withSolver(new SolverOptions(kind, timeLimitS != null ? timeLimitS : o.timeLimitS(), seed != null ? seed : o.seed()));
  }

  /** The first budget that cannot be met, at its line in the plan file; the others in the message. */
  private static InputException infeasible(PlanRequest request, PlanResult result) {
    var shortfalls = result.solve().shortfalls();
    int batch = result.solve().shortfallBatchSize();
    if (shortfalls.isEmpty()) {
      return request.errors().at("budgets", "no plan meets the budgets within the local search's limit; try --solver exact"
          + " or a longer --time-limit");
    }
    Shortfall first = shortfalls.get(0);
    String rest = shortfalls.stream().skip(1).map(s -> s.message(batch)).collect(Collectors.joining("; "));
    return request.errors().at(first.budget(), first.message(batch) + (rest.isEmpty() ? "" : "; also " + rest));
  }

  static String report(PlanResult r) {
    PlanRequest q = r.request();
    PlanMetrics m = r.solve().metrics();
    var model = q.context().model();
    var system = q.context().system();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Plan %s: %s on %s (%d GPU%s), prompt %d + generate %d tokens%n", q.name(), model.id(),
        system.id(), system.gpuCount(), system.gpuCount() == 1 ? "" : "s", q.context().workload().promptTokens(),
        q.context().workload().generateTokens()));
    sb.append(String.format(Locale.ROOT, "Solver %s (seed %d, limit %s s); priced by %s%n%n", r.solve().solver(), q.solver().seed(),
        trim(q.solver().timeLimitS()), r.costSource()));
    TextTable layers = new TextTable("layers", "option");
    for (LayerSpan s : LayerSpan.of(r.solve().assignment().options())) {
      layers.row(s.range(), r.space().optionNames().get(s.option()));
    }
    sb.append(layers.render()).append(System.lineSeparator());
    sb.append(String.format(Locale.ROOT, "batch size      %d%n", m.batchSize()));
    sb.append(String.format(Locale.ROOT, "throughput      %.2f tokens/s%n", m.throughputTokensPerS()));
    sb.append(String.format(Locale.ROOT, "TPOT            %.3f ms%n", m.tpotS() * 1e3));
    sb.append(String.format(Locale.ROOT, "TTFT            %.3f s (prefill of the whole batch)%n", m.ttftS()));
    sb.append(String.format(Locale.ROOT, "quality loss    %.3f %% of %.3f %%%n", m.use(BudgetDimension.QUALITY), q.budgets().qualityLossPct()));
    sb.append(String.format(Locale.ROOT, "gap to bound    %s%n%n", gap(r)));
    TextTable mem = new TextTable("tier", "prefill peak", "decode peak", "budget");
    for (Tier t : new Tier[] {Tier.GPU, Tier.CPU, Tier.DISK}) {
      PhaseMemory p = r.memory().prefill();
      PhaseMemory d = r.memory().decode();
      mem.row(t.key(), Bytes.gib(p.tier(t).totalBytes()), Bytes.gib(d.tier(t).totalBytes()),
          Bytes.gib(r.space().budgets().of(BudgetDimension.memory(t, false))));
    }
    sb.append(mem.render());
    sb.append(System.lineSeparator()).append(baseline(r));
    if (!r.tightened().isEmpty()) {
      sb.append(String.format("Re-simulation found more no-layer memory than predicted; tightened %s and solved again.%n",
          String.join(", ", r.tightened())));
    }
    return sb.toString();
  }

  private static String gap(PlanResult r) {
    double gap = r.solve().gap(r.request().objective());
    if (Double.isNaN(gap)) {
      return "not computed";
    }
    double bound = r.solve().boundValue();
    String b = r.request().objective() == Objective.THROUGHPUT
        ? String.format(Locale.ROOT, "%.2f tokens/s", bound) : String.format(Locale.ROOT, "%.3f ms TPOT", -bound * 1e3);
    return String.format(Locale.ROOT, "%.3f %% (bound %s)", 100 * gap, b);
  }

  private static String baseline(PlanResult r) {
    if (r.baseline() == null) {
      return String.format("No single option for every layer meets the budgets; only a per-layer mix does.%n");
    }
    PlanMetrics b = r.baseline().metrics();
    boolean tput = r.request().objective() == Objective.THROUGHPUT;
    return String.format(Locale.ROOT, "Best uniform option: %s at batch %d, %s; the plan is %.2f %% better.%n", r.baseline().option(),
        b.batchSize(), tput ? String.format(Locale.ROOT, "%.2f tokens/s", b.throughputTokensPerS())
            : String.format(Locale.ROOT, "TPOT %.3f ms", b.tpotS() * 1e3), 100 * r.marginOverBaseline());
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
