package io.tiersim.cli.report;

import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.simulator.validation.ValidationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Computes, draws and writes a report: {@code report.html}, {@code report.md} and {@code charts/*.svg}. */
public final class Report {
  static final String CHARTS = "charts";

  private Report() {}

  public record Written(Path html, Path markdown, int charts) {}

  /** The page and the charts as text, without writing anything. */
  public static String html(Scenario s, String focus, ValidationReport validation) {
    ReportData d = ReportData.of(s, focus, validation);
    return ReportPage.html(d, ReportCharts.all(d));
  }

  public static Written write(Scenario s, String focus, ValidationReport validation, Path dir) {
    ReportData d = ReportData.of(s, focus, validation);
    List<SvgChart> charts = ReportCharts.all(d);
    try {
      Files.createDirectories(dir.resolve(CHARTS));
      for (SvgChart c : charts) {
        writeAtomically(dir.resolve(CHARTS).resolve(c.id() + ".svg"), c.document());
      }
      writeAtomically(dir.resolve("report.md"), ReportPage.markdown(d, charts, CHARTS));
      writeAtomically(dir.resolve("report.html"), ReportPage.html(d, charts));
    } catch (IOException e) {
      throw new InputException(dir.toString(), 0, null, "cannot write the report: " + e.getMessage());
    }
    return new Written(dir.resolve("report.html"), dir.resolve("report.md"), charts.size());
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tiersim-", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
