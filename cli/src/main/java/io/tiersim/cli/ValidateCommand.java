package io.tiersim.cli;

import io.tiersim.model.io.Document;
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
import picocli.CommandLine.Spec;

/**
 * {@code tiersim validate --published}: predicts every published row of the manifest and writes
 * the Markdown report.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Compare predictions with published measurements (--published) and write a Markdown report.")
final class ValidateCommand implements Callable<Integer> {
  @Option(names = "--published", required = true,
      description = "Validate against the published rows of the manifest.")
  boolean published;

  @Option(names = "--manifest", paramLabel = "FILE",
      description = "Published-rows manifest (default: validation/published/manifest.yaml).")
  Path manifest;

  @Option(names = {"-o", "--out"}, paramLabel = "PATH",
      description = "Where to write the report (default: validation/published-report.md); '-' prints it.")
  String out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
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
