package io.tiersim.cli.report;

import java.awt.Font;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * A chart drawn to an SVG element by JFreeSVG. Each gets its own prefix for the clip paths and
 * gradients it defines, so that many can sit inline in one page, and a viewBox instead of a fixed
 * size, so that the page can scale it.
 *
 * @param id a name unique in the report (also the file name of the chart in the Markdown summary)
 */
public record SvgChart(String id, String title, String caption, String svg) {
  static final int WIDTH = 900;
  static final int HEIGHT = 520;

  /** A palette that reads on white (no yellow): Tableau 10 followed by darker variants. */
  static final java.awt.Paint[] PALETTE = {
      new java.awt.Color(0x1f77b4), new java.awt.Color(0xff7f0e), new java.awt.Color(0x2ca02c), new java.awt.Color(0xd62728),
      new java.awt.Color(0x9467bd), new java.awt.Color(0x8c564b), new java.awt.Color(0xe377c2), new java.awt.Color(0x7f7f7f),
      new java.awt.Color(0xbcbd22), new java.awt.Color(0x17becf), new java.awt.Color(0x0b3c5d), new java.awt.Color(0x9e4a00),
      new java.awt.Color(0x1b5e20), new java.awt.Color(0x7b1113), new java.awt.Color(0x4a2c6e), new java.awt.Color(0x4e342e)};

  static final StandardChartTheme THEME = theme();

  private static StandardChartTheme theme() {
    StandardChartTheme t = (StandardChartTheme) StandardChartTheme.createJFreeTheme();
    t.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
    t.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    t.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    t.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    t.setPlotBackgroundPaint(java.awt.Color.WHITE);
    t.setDomainGridlinePaint(new java.awt.Color(0xDD, 0xDD, 0xDD));
    t.setRangeGridlinePaint(new java.awt.Color(0xDD, 0xDD, 0xDD));
    t.setBarPainter(new org.jfree.chart.renderer.category.StandardBarPainter());
    t.setXYBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
    t.setShadowVisible(false);
    t.setDrawingSupplier(new org.jfree.chart.plot.DefaultDrawingSupplier(PALETTE,
        org.jfree.chart.plot.DefaultDrawingSupplier.DEFAULT_FILL_PAINT_SEQUENCE,
        org.jfree.chart.plot.DefaultDrawingSupplier.DEFAULT_OUTLINE_PAINT_SEQUENCE,
        org.jfree.chart.plot.DefaultDrawingSupplier.DEFAULT_STROKE_SEQUENCE,
        org.jfree.chart.plot.DefaultDrawingSupplier.DEFAULT_OUTLINE_STROKE_SEQUENCE,
        org.jfree.chart.plot.DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    return t;
  }

  static SvgChart render(String id, String caption, JFreeChart chart) {
    return render(id, caption, chart, HEIGHT);
  }

  /** Applies the report's theme; call before setting per-series paints, which it would reset. */
  static JFreeChart themed(JFreeChart chart) {
    THEME.apply(chart);
    return chart;
  }

  static SvgChart render(String id, String caption, JFreeChart chart, int height) {
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
    String svg = g.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, height), null, null);
    String title = chart.getTitle() == null ? id : chart.getTitle().getText();
    return new SvgChart(id, title, caption, svg);
  }

  /** A standalone SVG file (with the XML declaration and namespace) for the Markdown summary. */
  String document() {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n";
  }
}
