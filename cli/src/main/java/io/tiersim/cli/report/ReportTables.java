package io.tiersim.cli.report;

import io.tiersim.cli.Seconds;
import io.tiersim.model.quality.StrategyQuality;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.result.ScenarioSummary;
import io.tiersim.simulator.result.StrategyResult;
import io.tiersim.simulator.sweep.SweepColumns;
import io.tiersim.simulator.validation.Metric;
import io.tiersim.simulator.validation.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's tables as rows of text, laid out by both the HTML page and the Markdown summary. */
final class ReportTables {
  private ReportTables() {}

  /** A header row and body rows. */
  record Table(List<String> header, List<List<String>> rows) {}

  static String headline(ReportData d) {
    ScenarioSummary s = d.result().scenario();
    return String.format(Locale.ROOT, "%s on %s (%d GPU%s), batch %d, prompt %d + generate %d tokens, %s runtime.",
        s.model(), s.system(), s.gpuCount(), s.gpuCount() == 1 ? "" : "s", s.batchSize(), s.promptTokens(),
        s.generateTokens(), s.runtime());
  }

  static Table strategies(ReportData d) {
    List<List<String>> rows = new ArrayList<>();
    for (StrategyResult r : d.result().results()) {
      var t = r.timing();
      var ti = r.timingInterval();
      rows.add(List.of(r.strategy(), r.fits() ? "yes" : "NO", gib(r.peakMemoryBytes().gpu()), gib(r.kvCacheBytes()),
          Seconds.of(t.ttftS()), t.tpotS() == null ? "-" : Seconds.of(t.tpotS()),
          ti == null || ti.tpotS() == null ? "-" : Seconds.range(ti.tpotS().low(), ti.tpotS().high()),
          rate(t.generationTokensPerS()),
          t.bottleneck().prefill().bound(), t.bottleneck().decode().bound(), Long.toString(r.maxBatchSize()),
          Long.toString(r.maxPromptTokens()), quality(d, r.strategy())));
    }
    return new Table(List.of("strategy", "fits", "GPU peak", "KV cache", "TTFT", "TPOT", "TPOT range", "generation tok/s",
        "prefill bound", "decode bound", "max batch", "max prompt", "quality loss"), rows);
  }

  /**
   * The strategy's whole-model loss from the cited table (as the sweep's {@code quality_loss_pct}),
   * "unknown" where the table does not cover it, a star on a row not checked against its paper.
   */
  static String quality(ReportData d, String strategy) {
    Strategy s = d.scenario().strategies().stream().filter(x -> x.name().equals(strategy)).findFirst().orElse(null);
    if (s == null) {
      return "-";
    }
    StrategyQuality q = StrategyQuality.of(s, d.scenario().model());
    return !q.known() ? "unknown" : SweepColumns.number(q.lossPct()) + " %" + (q.unchecked() ? " *" : "");
  }

  static Table operators(ReportData d) {
    List<List<String>> rows = new ArrayList<>();
    for (ReportData.RooflinePoint p : d.roofline()) {
      rows.add(List.of(p.phase(), p.operator(), sig(p.flops() / 1e9), sig(p.hbmBytes() / 1e6), sig(p.intensity()),
          sig(p.flopsPerS() / 1e12), Seconds.of(p.seconds()), p.bound()));
    }
    return new Table(List.of("phase", "operator", "GFLOP", "HBM MB", "FLOP/byte", "achieved TFLOP/s", "time", "bound"), rows);
  }

  /** The focus strategy's layers, consecutive layers with the same policy merged into one range. */
  static Table plan(ReportData d) {
    List<List<String>> rows = new ArrayList<>();
    List<ReportData.LayerRow> layers = d.layers();
    int start = 0;
    for (int i = 1; i <= layers.size(); i++) {
      if (i == layers.size() || !layers.get(i).policy().equals(layers.get(start).policy())) {
        double kv = 0;
        double time = 0;
        for (int j = start; j < i; j++) {
          kv += layers.get(j).kvBytes();
          time += layers.get(j).prefillS() + layers.get(j).decodeS();
        }
        String range = start == i - 1 ? Integer.toString(start) : start + "-" + (i - 1);
        rows.add(List.of(range, layers.get(start).policy(), gib(kv), Seconds.of(time)));
        start = i;
      }
    }
    return new Table(List.of("layers", "policy", "KV cache", "time (prefill + decode)"), rows);
  }

  static Table validation(ValidationReport v) {
    List<List<String>> rows = new ArrayList<>();
    for (Metric.Family f : Metric.Family.values()) {
      ValidationReport.Summary s = v.summary(f);
      if (s.rows() == 0) {
        continue;
      }
      rows.add(List.of(f == Metric.Family.TIME ? "time and throughput" : "memory", Integer.toString(s.rows()),
          String.format(Locale.ROOT, "%.1f %%", 100 * s.medianAbsError()),
          s.worst().row().id() + String.format(Locale.ROOT, " (%+.1f %%)", 100 * s.worst().error()),
          Long.toString(s.within()), Long.toString(s.explained()), Long.toString(s.unexplained())));
    }
    return new Table(List.of("rows", "count", "median |error|", "worst", "within tolerance", "outside, explained",
        "outside, unexplained"), rows);
  }

  static String gib(double bytes) {
    return bytes == 0 ? "0" : String.format(Locale.ROOT, "%.2f GiB", bytes / (1L << 30));
  }

  static String rate(double perS) {
    return perS >= 1000 ? String.format(Locale.ROOT, "%,.0f", perS) : String.format(Locale.ROOT, "%.3g", perS);
  }

  static String sig(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
