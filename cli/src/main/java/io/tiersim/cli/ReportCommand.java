package io.tiersim.cli;

import io.tiersim.cli.report.Report;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.validation.PublishedManifest;
import io.tiersim.simulator.validation.PublishedValidation;
import io.tiersim.simulator.validation.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tiersim report FILE}: a self-contained HTML report with charts, and a Markdown summary. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML report of a scenario (DIR/report.html: charts as inline SVG, no network "
        + "needed) and a Markdown summary (DIR/report.md with DIR/charts/*.svg): throughput and TPOT vs context per "
        + "strategy, memory per tier, a roofline with each operator, time per resource, a per-layer view, and "
        + "predicted vs published validation."})
final class ReportCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "Scenario YAML (see README: scenario format).")
  Path file;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (default: out/reports/NAME).")
  Path out;

  @Option(names = "--focus", paramLabel = "STRATEGY",
      description = "Strategy for the roofline and per-layer charts (default: the first with per-layer overrides, else the first).")
  String focus;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "Published-rows manifest for the validation chart (default: validation/published/manifest.yaml).")
  Path manifest;

  @Option(names = "--no-validation", description = "Leave the validation chart out.")
  boolean noValidation;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Scenario scenario = ScenarioLoader.bundled().load(file);
    ValidationReport validation = noValidation ? null : validation();
    Path dir = out != null ? out : Path.of("out", "reports", scenario.name());
    Report.Written w = Report.write(scenario, focus, validation, dir);
    var console = spec.commandLine().getOut();
    console.printf("Wrote %s (%d charts) and %s%n", w.html(), w.charts(), w.markdown());
    console.flush();
    return 0;
  }

  private ValidationReport validation() {
    Path home = TiersimHome.root();
    Path f = manifest != null ? manifest : home.resolve("validation/published/manifest.yaml");
    if (manifest == null && !Files.isRegularFile(f)) {
      return null;
    }
    Document<PublishedManifest> doc = PublishedManifest.load(f);
    return new PublishedValidation(ScenarioLoader.bundled(), home).run(doc);
  }
}
