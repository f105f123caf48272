package io.tiersim.cli;

import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.measurement.MeasurementFile;
import io.tiersim.model.measurement.MeasurementLoader;
import io.tiersim.simulator.calibration.MeasurementCalibration;
import io.tiersim.simulator.validation.MeasuredReport;
import io.tiersim.simulator.validation.MeasuredValidation;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.simulator.validation.Metric;
import io.tiersim.simulator.validation.PublishedManifest;
import io.tiersim.simulator.validation.PublishedValidation;
import io.tiersim.simulator.validation.ValidationReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tiersim validate --published}: predicts every published row of the manifest and writes
 * the Markdown report. {@code tiersim validate MEASUREMENTS.json --system ID}: predicts every
 * end-to-end setting of a GPU probe file with the spec-only and the calibrated profile and writes
 * Markdown and JSON reports to {@code validation/reports/} ({@code validation/reports/synthetic/},
 * which git ignores, for a dry-run or smoke file).
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Compare predictions with measurements: the published rows (--published), or a GPU probe file "
        + "(MEASUREMENTS.json --system ID), writing a Markdown report (and JSON for probe files).")
final class ValidateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MEASUREMENTS.json", arity = "0..1", description = "A probe measurement file (validation/probe/probe.py).")
  Path measurements;

  @Option(names = "--published", description = "Validate against the published rows of the manifest.")
  boolean published;

  @Option(names = "--system", paramLabel = "ID|FILE",
      description = "With a measurement file: the system it was measured on (bundled id or profile YAML).")
  String system;

  @Option(names = "--allow-synthetic", description = "Accept a --dry-run or --cpu-smoke file (tests the pipeline).")
  boolean allowSynthetic;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "Published-rows manifest (default: validation/published/manifest.yaml).")
  Path manifest;

  @Option(names = {"-o", "--out"}, paramLabel = "PATH",
      description = "Where to write the report (default: validation/published-report.md; for a measurement file the "
          + "folder, default validation/reports/, or validation/reports/synthetic/ for a synthetic file); "
          + "'-' prints the published report.")
  String out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (published == (measurements != null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give either --published or a measurement file (with --system), not both and not neither");
    }
    return published ? publishedRows() : measuredRuns();
  }

  private Integer measuredRuns() {
    if (system == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "a measurement file needs --system: the system it was measured on");
    }
    HardwareCatalog catalog = HardwareCatalog.bundled();
    Path baseFile = CalibrateCommand.baseFile(system, catalog);
    Document<MeasurementFile> doc = MeasurementLoader.load(measurements);
    String id = CalibrateCommand.defaultId(catalog.resolveSystem(baseFile.toString(), null).id(), doc.value());
    MeasurementCalibration.Result calibrated = MeasurementCalibration.calibrate(new MeasurementCalibration.Request(
        doc, CalibrateCommand.citation(measurements, doc.value()), baseFile, id, allowSynthetic), catalog);
    SystemProfile specProfile = catalog.resolveSystem(baseFile.toString(), null);
    MeasuredReport report = MeasuredValidation.run(doc, specProfile, calibrated.profile());
    String stem = Document.stem(measurements);
    // Reports of synthetic files go to a folder git ignores, so they cannot be committed as results.
    Path dir = out != null ? Path.of(out) : TiersimHome.root().resolve(doc.value().mode().measured()
        ? "validation/reports" : "validation/reports/synthetic");
    var console = spec.commandLine().getOut();
    // Both files are rendered before either is written, so an error leaves neither half-done.
    String md = report.markdown();
    String json = JsonOutput.write(report);
    Output.emit(md, dir.resolve(stem + ".md"), console);
    Output.emit(json, dir.resolve(stem + ".json"), console);
    for (MeasuredReport.Summary s : report.summary()) {
      console.printf(Locale.ROOT, "%-14s %3d rows: spec median |error| %5.1f %%, calibrated %5.1f %% (worst %.1f %% at %s)%n",
          s.metric(), s.rows(), 100 * s.specMedianAbsError(), 100 * s.calibratedMedianAbsError(),
          100 * s.calibratedWorstAbsError(), s.calibratedWorstSetting());
    }
    console.printf("reports: %s, %s%n", dir.resolve(stem + ".md"), dir.resolve(stem + ".json"));
    console.flush();
    return 0;
  }


  private Integer publishedRows() {
    Path home = TiersimHome.root();
    Path file = manifest != null ? manifest : home.resolve("validation/published/manifest.yaml");
    // The report names the manifest relative to the tiersim home, so it reads the same on every machine.
    Path shown = file.toAbsolutePath().normalize().startsWith(home.toAbsolutePath().normalize())
        ? home.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()) : file;
    Document<PublishedManifest> doc = PublishedManifest.load(file, shown.toString());
    ValidationReport report = new PublishedValidation(ScenarioLoader.bundled(), home).run(doc);
    String md = report.markdown();
    var console = spec.commandLine().getOut();
    if ("-".equals(out)) {
      Output.emit(md, null, console);
      return 0;
    }
    Path target = out != null ? Path.of(out) : home.resolve("validation/published-report.md");
    Output.emit(md, target, console);
    ValidationReport.Summary time = report.summary(Metric.Family.TIME);
    ValidationReport.Summary memory = report.summary(Metric.Family.MEMORY);
    console.printf(Locale.ROOT, "%d rows: time median |error| %.1f %% (worst %s %+.1f %%), memory median |error| %.1f %%"
            + " (worst %s %+.1f %%); %d outside tolerance unexplained%nreport: %s%n",
        report.results().size(), 100 * time.medianAbsError(), time.worst().row().id(), 100 * time.worst().error(),
        100 * memory.medianAbsError(), memory.worst().row().id(), 100 * memory.worst().error(),
        time.unexplained() + memory.unexplained(), target);
    console.flush();
    return 0;
  }
}
