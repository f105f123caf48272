package io.tiersim.simulator.sweep;

import io.tiersim.model.quality.StrategyQuality;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code answers.md}: the capacity answers of a sweep as Markdown tables, longest ones cut short. */
final class AnswersMarkdown {
  /** Rows shown per table; answers.json has them all. */
  static final int MAX_ROWS = 60;

  private AnswersMarkdown() {}

  static String write(SweepPlan plan, SweepAnswers a) {
    StringBuilder md = new StringBuilder();
    md.append("# Sweep ").append(plan.name()).append(": capacity answers\n\n");
    if (plan.description() != null) {
      md.append(plan.description().strip()).append("\n\n");
    }
    md.append(String.format(Locale.ROOT, "%d points (%d evaluations); SLOs: %s. Rows: `points.csv`; every answer: `answers.json`.%n%n",
        plan.pointCount(), plan.cellCount(), slo(plan.slo())));
    cheapest(md, a);
    maxBatch(md, plan, a);
    maxContext(md, plan, a);
    quality(md, plan);
    pareto(md, a);
    if (!plan.skipped().isEmpty()) {
      md.append("## Not run\n\n");
      plan.skipped().forEach(s -> md.append("- ").append(s).append('\n'));
      md.append('\n');
    }
    return md.toString();
  }

  private static String slo(Slo s) {
    List<String> parts = new ArrayList<>();
    if (s.ttftS() != null) {
      parts.add("TTFT <= " + SweepColumns.number(s.ttftS()) + " s");
    }
    if (s.tpotS() != null) {
      parts.add("TPOT <= " + SweepColumns.number(s.tpotS()) + " s");
    }
    return parts.isEmpty() ? "none (a point serves when it fits)" : String.join(", ", parts);
  }

  private static void cheapest(StringBuilder md, SweepAnswers a) {
    md.append("## Fewest GPUs per system type for each demand\n\n");
    if (a.cheapestGpus().isEmpty()) {
      md.append("No `request_rate_per_s` axis, so no demand to size for.\n\n");
      return;
    }
    md.append("Static batches of the given size; TTFT is the batch's prefill (queueing not modelled). **Bold**: fewest GPUs of all types.\n\n");
    md.append("| model | context | req/s | system | GPUs | strategy | batch | replicas | TTFT s | TPOT s |\n|---|---|---|---|---|---|---|---|---|---|\n");
    int shown = 0;
    for (SweepAnswers.CheapestGpus c : a.cheapestGpus()) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      String gpus = c.gpus() == null ? "none meets the SLOs" : (c.cheapest() ? "**" + c.gpus() + "**" : c.gpus().toString());
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", c.model(),
          c.promptTokens() + c.generateTokens(), SweepColumns.number(c.requestRatePerS()), c.system(), gpus,
          strategy(c.strategy(), c.kvBudgetTokens()), dash(c.batchSize()), dash(c.replicas()), num(c.ttftS()), num(c.tpotS())));
    }
    more(md, a.cheapestGpus().size());
  }

  private static void maxBatch(StringBuilder md, SweepPlan plan, SweepAnswers a) {
    md.append("## Largest batch per GPU that fits\n\n");
    md.append("Columns: context (prompt + generated). In brackets: the largest batch of the grid that also meets the SLOs.\n\n");
    Map<String, Map<Integer, String>> table = new LinkedHashMap<>();
    List<Integer> contexts = new ArrayList<>();
    for (SweepAnswers.MaxBatch m : a.maxBatchPerGpu()) {
      int ctx = m.promptTokens() + m.generateTokens();
      if (!contexts.contains(ctx)) {
        contexts.add(ctx);
      }
      String cell = SweepColumns.number(m.maxBatchPerGpu()) + (m.largestBatchMeetingSlo() == null ? "" : " [" + m.largestBatchMeetingSlo() + "]");
      table.computeIfAbsent(m.model() + " | " + m.system() + " | " + strategy(m.strategy(), m.kvBudgetTokens()),
          k -> new LinkedHashMap<>()).put(ctx, cell);
    }
    pivot(md, "model | system | strategy", contexts, table);
  }

  private static void maxContext(StringBuilder md, SweepPlan plan, SweepAnswers a) {
    md.append("## Longest context that fits\n\n");
    md.append("Columns: batch size. `*`: limited by the model's context window rather than memory.\n\n");
    Map<String, Map<Integer, String>> table = new LinkedHashMap<>();
    List<Integer> batches = new ArrayList<>();
    for (SweepAnswers.MaxContext m : a.maxContext()) {
      if (!batches.contains(m.batchSize())) {
        batches.add(m.batchSize());
      }
      String cell = m.maxContextTokens() + ("model_positions".equals(m.limitedBy()) ? "*" : "");
      table.computeIfAbsent(m.model() + " | " + m.system() + " | " + strategy(m.strategy(), m.kvBudgetTokens())
          + " | " + m.generateTokens(), k -> new LinkedHashMap<>()).put(m.batchSize(), cell);
    }
    pivot(md, "model | system | strategy | generated", batches, table);
  }

  /** Each strategy's quality loss and the table rows it comes from, or why it is unknown. */
  private static void quality(StringBuilder md, SweepPlan plan) {
    md.append("## Quality loss of each strategy\n\n");
    md.append("Whole-model loss in percent from `method-losses.yaml` (each row cites its paper and derivation): the row of "
        + "the strategy's preset plus `weights-int<bits>` for quantised weights. Rows come from different models and "
        + "benchmarks, so compare strategies with it rather than predict a score. *Unchecked*: a row not checked "
        + "against the paper.\n\n");
    md.append("| model | strategy | loss % | from |\n|---|---|---|---|\n");
    Map<String, String> rows = new LinkedHashMap<>();
    for (SweepPlan.Block b : plan.blocks()) {
      for (Variant v : b.variants()) {
        StrategyQuality q = v.quality();
        String from = !q.known() ? "unknown: " + q.unknownReason()
            : q.methods().isEmpty() ? "fp16 everywhere"
            : String.join(" + ", q.methods()) + (q.unchecked() ? " (*unchecked*)" : "");
        String key = b.model().id() + " | " + strategy(v.name(), v.budgetTokens());
        rows.putIfAbsent(key, "| " + key + " | " + (q.known() ? SweepColumns.number(q.lossPct()) : "-") + " | " + from + " |\n");
      }
    }
    rows.values().stream().limit(MAX_ROWS).forEach(md::append);
    more(md, rows.size());
  }

  private static void pareto(StringBuilder md, SweepAnswers a) {
    md.append("## Pareto front: generation throughput, GPU memory and quality loss\n\n");
    md.append("For each model, system and context, the (strategy, batch) choices that no other beats on all three "
        + "(as fast, as small and as lossless, better on one). Quality: ").append(a.quality()).append(".\n\n");
    md.append("| model | system | context | front (strategy, batch: tokens/s at GiB, loss %) | left out: quality unknown |\n"
        + "|---|---|---|---|---|\n");
    int shown = 0;
    for (SweepAnswers.ParetoGroup g : a.paretoFront()) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      String front = !g.front().isEmpty() ? g.front().stream()
          .map(p -> String.format(Locale.ROOT, "%s b%d: %s at %.1f, %s %%", strategy(p.strategy(), p.kvBudgetTokens()),
              p.batchSize(), SweepColumns.number(p.generationTokensPerS()), p.gpuPeakBytes() / (double) (1L << 30),
              SweepColumns.number(p.qualityLossPct())))
          .collect(Collectors.joining("; "))
          : g.unknownQualityPoints() > 0 ? "nothing of known quality fits" : "nothing fits";
      md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %d |%n", g.model(), g.system(),
          g.promptTokens() + g.generateTokens(), front, g.unknownQualityPoints()));
    }
    more(md, a.paretoFront().size());
  }

  private static void pivot(StringBuilder md, String head, List<Integer> columns, Map<String, Map<Integer, String>> table) {
    md.append("| ").append(head);
    columns.forEach(c -> md.append(" | ").append(c));
    md.append(" |\n|").append("---|".repeat(head.split("\\|").length + columns.size())).append('\n');
    int shown = 0;
    for (Map.Entry<String, Map<Integer, String>> e : table.entrySet()) {
      if (shown++ == MAX_ROWS) {
        break;
      }
      md.append("| ").append(e.getKey());
      columns.forEach(c -> md.append(" | ").append(e.getValue().getOrDefault(c, "-")));
      md.append(" |\n");
    }
    more(md, table.size());
  }

  private static void more(StringBuilder md, int total) {
    if (total > MAX_ROWS) {
      md.append(String.format(Locale.ROOT, "%n(%d more in `answers.json`)%n", total - MAX_ROWS));
    }
    md.append('\n');
  }

  static String strategy(String name, Integer budget) {
    return name == null ? "-" : budget == null ? name : name + " @" + budget;
  }

  private static String dash(Object v) {
    return v == null ? "-" : v.toString();
  }

  private static String num(Double v) {
    return v == null ? "-" : SweepColumns.number(v);
  }
}
