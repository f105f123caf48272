package io.tiersim.cli.report;

import io.tiersim.model.Tier;
import io.tiersim.simulator.engine.Bottleneck;
import io.tiersim.simulator.result.StrategyResult;
import io.tiersim.simulator.result.TierBreakdown;
import io.tiersim.simulator.sweep.CellResult;
import io.tiersim.simulator.validation.Metric;
import io.tiersim.simulator.validation.RowResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardXYItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, each a JFreeChart built from {@link ReportData} and drawn to SVG. */
final class ReportCharts {
  static final double GIB = 1L << 30;

  private ReportCharts() {}

  static List<SvgChart> all(ReportData d) {
    List<SvgChart> charts = new ArrayList<>();
    if (!d.contextCurve().isEmpty()) {
      charts.add(SvgChart.render("throughput-vs-context", "Generation throughput of each strategy at the scenario's batch, "
          + "over contexts up to the model's window. A line ends where the strategy stops fitting.",
          contextChart(d, "Generation throughput vs context", "generated tokens/s", c -> c.timing().generationTokensPerS())));
      if (d.scenario().workload().generateTokens() > 1) {
        charts.add(SvgChart.render("tpot-vs-context", "Time per output token after the first, same points.",
            contextChart(d, "TPOT vs context", "TPOT (ms)", c -> 1000 * c.timing().tpotS())));
      }
    }
    for (Tier t : d.usedTiers()) {
      charts.add(SvgChart.render("memory-" + t.key(), "Bytes on the " + t.key().toUpperCase(Locale.ROOT) + " tier at that tier's "
          + "peak phase, by kind; the dashed line is the usable capacity (less the runtime reserve on a GPU).",
          memoryChart(d, t), Math.max(360, 120 + 28 * d.result().results().size())));
    }
    charts.add(SvgChart.render("roofline", "The GPU operators of layer " + d.focus().layers().size() / 2 + " of "
        + d.focus().name() + " on the roofline of the system's GPUs: FLOPs per HBM byte against achieved FLOP/s, "
        + "for one prefill pass and one decode step mid-generation.", rooflineChart(d)));
    for (String phase : List.of("prefill", "decode")) {
      charts.add(SvgChart.render("time-" + phase, "Where " + phase + " time goes: seconds on the critical path charged to "
          + "each resource, per strategy.", timeChart(d, phase), Math.max(360, 120 + 28 * d.result().results().size())));
    }
    charts.add(SvgChart.render("layers", "Per-layer view of " + d.focus().name() + ": KV cache (whole batch, end of "
        + "generation) and weights per layer, and the seconds each layer adds to prefill and decode.", layerChart(d), 640));
    if (d.validation() != null) {
      charts.add(SvgChart.render("validation", "Predicted against published measurements (absolute rows of the "
          + "validation manifest). Dotted lines: the time tolerance either side of equality.", validationChart(d)));
    }
    return charts;
  }

  private static JFreeChart contextChart(ReportData d, String title, String yLabel, ToDoubleFunction<CellResult> y) {
    Map<String, XYSeries> series = new LinkedHashMap<>();
    for (CellResult c : d.contextCurve()) {
      XYSeries s = series.computeIfAbsent(c.cell().variant().name(), XYSeries::new);
      if (c.fits() && c.withinModelWindow()) {
        s.add(c.cell().contextTokens(), y.applyAsDouble(c));
      }
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    JFreeChart chart = SvgChart.themed(ChartFactory.createXYLineChart(title, "context tokens", yLabel, data));
    XYPlot plot = chart.getXYPlot();
    plot.setDomainAxis(logAxis("context tokens (log scale)", 2, new DecimalFormat("#,##0")));
    plot.setRangeAxis(logAxis(yLabel + " (log scale)", 10, new DecimalFormat("#,##0.###")));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    plot.setRenderer(r);
    return chart;
  }

  private static JFreeChart memoryChart(ReportData d, Tier t) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    double capacity = 0;
    for (StrategyResult r : d.result().results()) {
      TierBreakdown pre = pick(r.memory().prefill(), t);
      TierBreakdown dec = pick(r.memory().decode(), t);
      TierBreakdown b = pre.total() >= dec.total() ? pre : dec;
      capacity = b.capacity();
      data.addValue(b.weights() / GIB, "weights", r.strategy());
      data.addValue(b.kvCache() / GIB, "KV cache", r.strategy());
      data.addValue(b.activations() / GIB, "activations", r.strategy());
      data.addValue(b.workspace() / GIB, "workspace", r.strategy());
    }
    JFreeChart chart = SvgChart.themed(ChartFactory.createStackedBarChart(String.format(Locale.ROOT,
        "Memory on the %s tier (usable capacity %.1f GiB)", t.key().toUpperCase(Locale.ROOT), capacity / GIB),
        "strategy", "GiB", data, PlotOrientation.HORIZONTAL, true, false, false));
    CategoryPlot plot = chart.getCategoryPlot();
    ValueMarker m = new ValueMarker(capacity / GIB, Color.RED, dashed());
    m.setLabel(String.format(Locale.ROOT, "capacity %.1f GiB", capacity / GIB));
    m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addRangeMarker(m);
    return chart;
  }

  private static TierBreakdown pick(io.tiersim.simulator.result.TierBytes<TierBreakdown> b, Tier t) {
    return switch (t) {
      case GPU -> b.gpu();
      case CPU -> b.cpu();
      case DISK -> b.disk();
      case CSD -> b.csd();
    };
  }

  private static JFreeChart rooflineChart(ReportData d) {
    ReportData.Roof roof = d.roof();
    double lo = 0.01;
    double hi = 1e5;
    for (ReportData.RooflinePoint p : d.roofline()) {
      lo = Math.min(lo, p.intensity() / 2);
      hi = Math.max(hi, p.intensity() * 2);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(roofLine("tensor-core roof", lo, hi, roof.tensorFlopsPerS(), roof.hbmBytesPerS()));
    data.addSeries(roofLine("CUDA-core roof", lo, hi, roof.cudaFlopsPerS(), roof.hbmBytesPerS()));
    for (String phase : List.of("prefill", "decode")) {
      XYSeries s = new XYSeries(phase + " operators", false, true);
      d.roofline().stream().filter(p -> p.phase().equals(phase)).forEach(p -> s.add(p.intensity(), p.flopsPerS()));
      data.addSeries(s);
    }
    JFreeChart chart = SvgChart.themed(ChartFactory.createScatterPlot("Roofline: " + d.focus().name(), "FLOP per HBM byte",
        "FLOP/s", data));
    XYPlot plot = chart.getXYPlot();
    plot.setDomainAxis(logAxis("arithmetic intensity, FLOP per HBM byte (log)", 10, new DecimalFormat("#,##0.##")));
    plot.setRangeAxis(logAxis("achieved FLOP/s (log)", 10, new DecimalFormat("0E0")));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    for (int i = 0; i < 2; i++) {
      r.setSeriesLinesVisible(i, true);
      r.setSeriesShapesVisible(i, false);
    }
    for (int i = 2; i < 4; i++) {
      r.setSeriesLinesVisible(i, false);
      r.setSeriesItemLabelsVisible(i, true);
    }
    List<List<String>> names = List.of(List.of(), List.of(),
        d.roofline().stream().filter(p -> p.phase().equals("prefill")).map(ReportData.RooflinePoint::operator).toList(),
        d.roofline().stream().filter(p -> p.phase().equals("decode")).map(ReportData.RooflinePoint::operator).toList());
    r.setDefaultItemLabelGenerator(new StandardXYItemLabelGenerator() {
      @Override
      public String generateLabel(org.jfree.data.xy.XYDataset dataset, int series, int item) {
        List<String> n = names.get(series);
        return item < n.size() ? n.get(item) : null;
      }
    });
    r.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 9));
    r.setSeriesPaint(0, Color.BLACK);
    r.setSeriesPaint(1, Color.GRAY);
    r.setSeriesPaint(2, SvgChart.PALETTE[0]);
    r.setSeriesPaint(3, SvgChart.PALETTE[1]);
    plot.setRenderer(r);
    return chart;
  }

  /** min(peak, intensity x bandwidth), sampled on a log grid. */
  private static XYSeries roofLine(String name, double lo, double hi, double peak, double bytesPerS) {
    XYSeries s = new XYSeries(name, false, true);
    double ridge = peak / bytesPerS;
    s.add(lo, lo * bytesPerS);
    if (ridge > lo && ridge < hi) {
      s.add(ridge, peak);
    }
    s.add(hi, Math.min(peak, hi * bytesPerS));
    return s;
  }

  private static JFreeChart timeChart(ReportData d, String phase) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    List<String> resources = new ArrayList<>();
    for (StrategyResult r : d.result().results()) {
      Bottleneck b = phase.equals("prefill") ? r.timing().bottleneck().prefill() : r.timing().bottleneck().decode();
      b.shares().keySet().stream().filter(k -> !resources.contains(k)).forEach(resources::add);
    }
    for (StrategyResult r : d.result().results()) {
      boolean prefill = phase.equals("prefill");
      Bottleneck b = prefill ? r.timing().bottleneck().prefill() : r.timing().bottleneck().decode();
      double seconds = prefill ? r.timing().prefillS() : r.timing().decodeS();
      for (String res : resources) {
        data.addValue(b.share(res) * seconds, res, r.strategy());
      }
    }
    return SvgChart.themed(ChartFactory.createStackedBarChart("Time breakdown per resource: " + phase, "strategy", "seconds",
        data, PlotOrientation.HORIZONTAL, true, false, false));
  }

  private static JFreeChart layerChart(ReportData d) {
    DefaultTableXYDataset bytes = new DefaultTableXYDataset();
    XYSeries kv = new XYSeries("KV cache GiB", false, false);
    XYSeries weights = new XYSeries("weights GiB", false, false);
    DefaultTableXYDataset time = new DefaultTableXYDataset();
    XYSeries prefill = new XYSeries("prefill s", false, false);
    XYSeries decode = new XYSeries("decode s", false, false);
    for (ReportData.LayerRow l : d.layers()) {
      kv.add(l.layer(), l.kvBytes() / GIB);
      weights.add(l.layer(), l.weightBytes() / GIB);
      prefill.add(l.layer(), l.prefillS());
      decode.add(l.layer(), l.decodeS());
    }
    bytes.addSeries(kv);
    bytes.addSeries(weights);
    time.addSeries(prefill);
    time.addSeries(decode);
    NumberAxis layer = new NumberAxis("layer");
    layer.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(layer);
    plot.add(new XYPlot(bytes, null, new NumberAxis("GiB"), new StackedXYBarRenderer(0.1)), 1);
    StackedXYBarRenderer timeRenderer = new StackedXYBarRenderer(0.1);
    plot.add(new XYPlot(time, null, new NumberAxis("seconds"), timeRenderer), 1);
    layer.setRange(-0.5, d.layers().size() - 0.5);
    return SvgChart.themed(new JFreeChart("Per layer: " + d.focus().name(), JFreeChart.DEFAULT_TITLE_FONT, plot, true));
  }

  private static JFreeChart validationChart(ReportData d) {
    Map<String, XYSeries> groups = new LinkedHashMap<>();
    double lo = Double.MAX_VALUE;
    double hi = 0;
    for (RowResult r : d.validation().absolute()) {
      if (r.row().published() == null || !(r.predicted() > 0)) {
        continue;
      }
      String family = r.row().metric().family() == Metric.Family.TIME ? "time" : "memory";
      groups.computeIfAbsent(r.row().group() + " (" + family + ")", k -> new XYSeries(k, false, true))
          .add(r.row().published().doubleValue(), r.predicted());
      lo = Math.min(lo, Math.min(r.row().published(), r.predicted()));
      hi = Math.max(hi, Math.max(r.row().published(), r.predicted()));
    }
    XYSeriesCollection data = new XYSeriesCollection();
    double tol = d.validation().manifest().tolerance(Metric.GENERATION_TOKENS_PER_S);
    lo = lo == Double.MAX_VALUE ? 0.1 : lo / 1.5;
    hi = hi == 0 ? 10 : hi * 1.5;
    data.addSeries(diagonal("predicted = published", lo, hi, 1));
    data.addSeries(diagonal(String.format(Locale.ROOT, "+%.0f %%", 100 * tol), lo, hi, 1 + tol));
    data.addSeries(diagonal(String.format(Locale.ROOT, "-%.0f %%", 100 * tol), lo, hi, 1 - tol));
    groups.values().forEach(data::addSeries);
    JFreeChart chart = SvgChart.themed(ChartFactory.createScatterPlot("Predicted vs published", "published", "predicted", data));
    XYPlot plot = chart.getXYPlot();
    plot.setDomainAxis(logAxis("published (log)", 10, new DecimalFormat("#,##0.##")));
    plot.setRangeAxis(logAxis("predicted (log)", 10, new DecimalFormat("#,##0.##")));
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    for (int i = 0; i < 3; i++) {
      r.setSeriesLinesVisible(i, true);
      r.setSeriesShapesVisible(i, false);
      r.setSeriesPaint(i, Color.GRAY);
      if (i > 0) {
        r.setSeriesStroke(i, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f));
      }
    }
    for (int i = 3; i < data.getSeriesCount(); i++) {
      r.setSeriesLinesVisible(i, false);
    }
    plot.setRenderer(r);
    return chart;
  }

  /** A log axis with ticks at whole powers of its base, labelled as plain numbers. */
  private static LogAxis logAxis(String label, double base, NumberFormat format) {
    LogAxis a = new LogAxis(label);
    a.setBase(base);
    a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    a.setNumberFormatOverride(format);
    a.setMinorTickMarksVisible(true);
    return a;
  }

  private static XYSeries diagonal(String name, double lo, double hi, double factor) {
    XYSeries s = new XYSeries(name, false, true);
    s.add(lo, lo * factor);
    s.add(hi, hi * factor);
    return s;
  }

  private static BasicStroke dashed() {
    return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f);
  }
}
