/**
 * {@code tiersim report}: one scenario turned into a self-contained HTML page (charts inlined as
 * SVG, drawn by JFreeChart through JFreeSVG, no script and no network) and a Markdown summary with
 * the same charts as SVG files. {@link io.tiersim.cli.report.ReportData} computes what is shown,
 * {@link io.tiersim.cli.report.ReportCharts} draws it, and the page writers only lay it out.
 */
package io.tiersim.cli.report;
