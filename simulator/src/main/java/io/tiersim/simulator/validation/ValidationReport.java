package io.tiersim.simulator.validation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Predicted against published for every row: errors, the median and worst per family, the
 * relative claims (ratios) and the rankings, as Markdown.
 */
public record ValidationReport(String manifestOrigin, PublishedManifest manifest, List<RowResult> results) {

  /** The bar the project holds absolute throughput rows to: median |error| at most 20 %. */
  public static final double MEDIAN_BAR = 0.20;

  public ValidationReport {
    results = List.copyOf(results);
  }

  /** Summary of the absolute (non-ratio) rows of one family. */
  public record Summary(Metric.Family family, int rows, double medianAbsError, RowResult worst, long within,
      long explained, long unexplained) {}

  /** Whether rows sharing a ranking came out in the published order. */
  public record Ranking(String name, List<String> publishedOrder, List<String> predictedOrder) {
    public boolean agrees() {
      return publishedOrder.equals(predictedOrder);
    }
  }

  public List<RowResult> absolute() {
    return results.stream().filter(r -> !r.row().isRatio()).toList();
  }

  public List<RowResult> ratios() {
    return results.stream().filter(r -> r.row().isRatio()).toList();
  }

  public Summary summary(Metric.Family family) {
    List<RowResult> rows = absolute().stream().filter(r -> r.row().metric().family() == family).toList();
    double median = median(rows.stream().mapToDouble(RowResult::absError).sorted().toArray());
    RowResult worst = rows.stream().max(Comparator.comparingDouble(RowResult::absError)).orElse(null);
    return new Summary(family, rows.size(), median, worst,
        rows.stream().filter(r -> r.status() == RowResult.Status.WITHIN).count(),
        rows.stream().filter(r -> r.status() == RowResult.Status.EXPLAINED).count(),
        rows.stream().filter(r -> r.status() == RowResult.Status.UNEXPLAINED).count());
  }

  public List<Ranking> rankings() {
    Map<String, List<RowResult>> groups = new LinkedHashMap<>();
    for (RowResult r : results) {
      if (r.row().ranking() != null) {
        groups.computeIfAbsent(r.row().ranking(), k -> new ArrayList<>()).add(r);
      }
    }
    List<Ranking> out = new ArrayList<>();
    for (Map.Entry<String, List<RowResult>> e : groups.entrySet()) {
      List<RowResult> rows = e.getValue();
      List<String> published = rows.stream().sorted(Comparator.comparingDouble((RowResult r) -> -r.row().published()))
          .map(r -> r.row().id()).toList();
      List<String> predicted = rows.stream().sorted(Comparator.comparingDouble((RowResult r) -> -r.predicted()))
          .map(r -> r.row().id()).toList();
      out.add(new Ranking(e.getKey(), published, predicted));
    }
    return out;
  }

  static double median(double[] sorted) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Validation against published results\n\n");
    md.append("Written by `tiersim validate --published` from `").append(manifestOrigin).append("`. Every row is a "
        + "measurement a paper printed, with the configuration it ran; tiersim predicts it from the scenario alone, "
        + "with hardware profiles built from datasheets and microbenchmarks. No constant is fitted to any row. Rows "
        + "outside the tolerance carry the reason the model misses them.\n\n");
    md.append("## Summary\n\n");
    md.append("| rows | count | median abs error | worst | within tolerance | outside, explained | outside, unexplained |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    for (Metric.Family f : Metric.Family.values()) {
      Summary s = summary(f);
      if (s.rows() == 0) {
        continue;
      }
      md.append("| ").append(f == Metric.Family.TIME ? "time and throughput" : "memory")
          .append(" (tolerance ").append(Math.round(100 * manifest.tolerance(f == Metric.Family.TIME
              ? Metric.GENERATION_TOKENS_PER_S : Metric.PEAK_GPU_GIB))).append(" %) | ").append(s.rows())
          .append(" | ").append(String.format(java.util.Locale.ROOT, "%.1f %%", 100 * s.medianAbsError()))
          .append(" | ").append(s.worst().row().id()).append(" (").append(Format.percent(s.worst().error())).append(")")
          .append(" | ").append(s.within()).append(" | ").append(s.explained()).append(" | ").append(s.unexplained())
          .append(" |\n");
    }
    Summary time = summary(Metric.Family.TIME);
    if (time.rows() > 0) {
      md.append("\nThroughput bar (median |error| at most ").append(Math.round(100 * MEDIAN_BAR)).append(" %): **")
          .append(time.medianAbsError() <= MEDIAN_BAR ? "met" : "not met").append("**.\n");
      List<RowResult> timed = absolute().stream().filter(RowResult::hasInterval).toList();
      md.append("\nEach time row also has tiersim's prediction interval: the prediction with every efficiency parameter "
          + "at the optimistic and at the pessimistic end of its bounds (a fitted curve's 95 % confidence interval, or "
          + "the range a prior's sources span where no point measures the curve). It says what the measurements and "
          + "priors leave open, not what the model misses, and the tolerance above is judged on the nominal "
          + "prediction alone. The interval holds the published value in ")
          .append(timed.stream().filter(RowResult::publishedInInterval).count()).append(" of ").append(timed.size())
          .append(" time rows.\n");
    }
    Map<String, List<RowResult>> groups = absolute().stream()
        .collect(Collectors.groupingBy(r -> r.row().group(), LinkedHashMap::new, Collectors.toList()));
    for (Map.Entry<String, List<RowResult>> g : groups.entrySet()) {
      md.append("\n## ").append(g.getKey()).append("\n\n");
      md.append("| row | metric | published | predicted | interval | error | status |\n|---|---|---|---|---|---|---|\n");
      for (RowResult r : g.getValue()) {
        md.append(row(r));
      }
      notes(md, g.getValue());
    }
    if (!ratios().isEmpty()) {
      md.append("\n## Relative claims\n\n");
      md.append("| claim | metric | published | predicted | interval | error | status |\n|---|---|---|---|---|---|---|\n");
      for (RowResult r : ratios()) {
        md.append(row(r));
      }
      notes(md, ratios());
    }
    List<Ranking> rankings = rankings();
    if (!rankings.isEmpty()) {
      md.append("\n## Rankings\n\n| ranking | published order | predicted order | agrees |\n|---|---|---|---|\n");
      for (Ranking r : rankings) {
        md.append("| ").append(r.name()).append(" | ").append(String.join(" > ", r.publishedOrder())).append(" | ")
            .append(String.join(" > ", r.predictedOrder())).append(" | ").append(r.agrees() ? "yes" : "**no**")
            .append(" |\n");
      }
    }
    md.append("\n## Sources\n\n");
    results.stream().map(r -> r.row().source()).distinct().forEach(s -> md.append("- ").append(s).append('\n'));
    return md.toString();
  }

  private static String row(RowResult r) {
    PublishedRow p = r.row();
    String metric = p.metric().label() + (p.isRatio() ? " ratio to " + p.baseline() : "")
        + (p.maxBatch() ? " at largest batch" : "");
    String interval = !r.hasInterval() ? "-" : "[" + Format.number(r.low()) + ", " + Format.number(r.high()) + "]"
        + (r.publishedInInterval() ? " holds it" : "");
    return "| " + p.id() + " | " + metric + " | " + p.publishedText() + " | " + Format.number(r.predicted()) + " | "
        + interval + " | " + Format.percent(r.error()) + " | " + switch (r.status()) {
          case WITHIN -> "within";
          case EXPLAINED -> "outside, explained below";
          case UNEXPLAINED -> "**outside, unexplained**";
        } + " |\n";
  }

  private static void notes(StringBuilder md, List<RowResult> rows) {
    List<RowResult> explained = rows.stream().filter(r -> r.row().explanation() != null).toList();
    if (explained.isEmpty()) {
      return;
    }
    md.append('\n');
    for (RowResult r : explained) {
      md.append("- **").append(r.row().id()).append("**: ").append(r.row().explanation().strip()).append('\n');
    }
  }
}
