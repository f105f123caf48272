package io.tiersim.cli.report;

import java.util.List;

/**
 * Lays a report out twice: a self-contained HTML page, charts inline as SVG, a strict content
 * security policy that forbids any fetch (so the page provably needs no network), no script; and
 * a Markdown summary that points at the charts as SVG files beside it.
 */
final class ReportPage {
  static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#222;background:#fafafa}
      main{max-width:1000px;margin:0 auto;padding:24px}
      h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
      table{border-collapse:collapse;margin:.8em 0;font-size:.85em;background:#fff}
      th,td{border:1px solid #ccc;padding:3px 7px;text-align:left}th{background:#f0f0f0}
      figure{margin:0;background:#fff;border:1px solid #ddd;padding:8px}figure svg{width:100%;height:auto;display:block}
      figcaption{font-size:.85em;color:#555;margin-top:6px}nav ul{columns:2}footer{margin-top:3em;color:#777;font-size:.8em}
      """;

  /** What the strategy table's quality column is. */
  static final String QUALITY_NOTE = "Quality loss: the strategy's whole-model loss in percent from the cited per-method "
      + "table method-losses.yaml (its preset's row plus weights-int<bits> for quantised weights; rows from different "
      + "models and benchmarks, so it ranks strategies rather than predicting a score); unknown where the table does not "
      + "cover the strategy; * marks a row not checked against its paper.";

  private ReportPage() {}

  static String html(ReportData d, List<SvgChart> charts) {
    StringBuilder h = new StringBuilder(1 << 20);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>tiersim report: ").append(esc(d.scenario().name())).append("</title>\n<style>").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<h1>tiersim report: ").append(esc(d.scenario().name())).append("</h1>\n<p>").append(esc(ReportTables.headline(d)))
        .append("</p>\n");
    if (d.scenario().description() != null) {
      h.append("<p>").append(esc(d.scenario().description())).append("</p>\n");
    }
    h.append("<h2 id=\"strategies\">Strategies</h2>\n");
    table(h, ReportTables.strategies(d));
    h.append("<p>").append(esc(QUALITY_NOTE)).append("</p>\n");
    h.append("<nav><h2>Charts</h2><ul>\n");
    for (SvgChart c : charts) {
      h.append("<li><a href=\"#").append(c.id()).append("\">").append(esc(c.title())).append("</a></li>\n");
    }
    h.append("</ul></nav>\n");
    for (SvgChart c : charts) {
      h.append("<section id=\"").append(c.id()).append("\">\n<h2>").append(esc(c.title())).append("</h2>\n<figure>\n")
          .append(c.svg()).append("\n<figcaption>").append(esc(c.caption())).append("</figcaption>\n</figure>\n");
      after(h, d, c.id());
      h.append("</section>\n");
    }
    h.append("<footer>Written by <code>tiersim report</code>. Self-contained: the charts are inline SVG drawn by ")
        .append("JFreeChart; the page loads nothing from the network.</footer>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  /** Tables that belong under a chart. */
  private static void after(StringBuilder h, ReportData d, String chartId) {
    switch (chartId) {
      case "roofline" -> table(h, ReportTables.operators(d));
      case "layers" -> table(h, ReportTables.plan(d));
      case "validation" -> table(h, ReportTables.validation(d.validation()));
      default -> { }
    }
  }

  private static void table(StringBuilder h, ReportTables.Table t) {
    h.append("<table>\n<thead><tr>");
    t.header().forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr></thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      h.append("<tr>");
      row.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  static String markdown(ReportData d, List<SvgChart> charts, String chartDir) {
    StringBuilder md = new StringBuilder();
    md.append("# tiersim report: ").append(d.scenario().name()).append("\n\n").append(ReportTables.headline(d)).append("\n\n");
    if (d.scenario().description() != null) {
      md.append(d.scenario().description().strip()).append("\n\n");
    }
    md.append("## Strategies\n\n");
    mdTable(md, ReportTables.strategies(d));
    md.append(QUALITY_NOTE).append("\n\n");
    for (SvgChart c : charts) {
      md.append("## ").append(c.title()).append("\n\n![").append(c.title()).append("](").append(chartDir).append('/')
          .append(c.id()).append(".svg)\n\n").append(c.caption()).append("\n\n");
      switch (c.id()) {
        case "roofline" -> mdTable(md, ReportTables.operators(d));
        case "layers" -> mdTable(md, ReportTables.plan(d));
        case "validation" -> mdTable(md, ReportTables.validation(d.validation()));
        default -> { }
      }
    }
    return md.toString();
  }

  private static void mdTable(StringBuilder md, ReportTables.Table t) {
    md.append("| ").append(String.join(" | ", t.header())).append(" |\n|").append("---|".repeat(t.header().size())).append('\n');
    for (List<String> row : t.rows()) {
      md.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
    }
    md.append('\n');
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
