package io.tiersim.cli;

import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.measurement.DeviceInfo;
import io.tiersim.model.measurement.MeasurementFile;
import io.tiersim.model.measurement.MeasurementLoader;
import io.tiersim.simulator.calibration.MeasurementCalibration;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tiersim calibrate MEASUREMENTS.json --system ID}: a system profile whose measured points
 * come from a GPU probe file, written atomically, and the report of its fitted curves.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Calibrate a system profile from a GPU probe measurement file (validation/probe/probe.py): "
        + "write the profile with the file's measured points and print each fitted curve with its confidence "
        + "intervals and residuals.")
final class CalibrateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MEASUREMENTS.json", description = "Measurement file written by probe.py.")
  Path file;

  @Option(names = "--system", required = true, paramLabel = "ID|FILE",
      description = "The system the file was measured on: a bundled id (tiersim hardware) or a system profile YAML.")
  String system;

  @Option(names = {"-o", "--out"}, paramLabel = "OUT.yaml",
      description = "Where to write the profile (default: hardware-profiles/calibrated/<system>-<gpu>-<date>.yaml); "
          + "its file name is also its id.")
  Path out;

  @Option(names = "--allow-synthetic",
      description = "Accept a --dry-run or --cpu-smoke file, to test the pipeline; the profile is then not real.")
  boolean allowSynthetic;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    HardwareCatalog catalog = HardwareCatalog.bundled();
    Path baseFile = baseFile(system, catalog);
    String baseId = catalog.resolveSystem(baseFile.toString(), null).id();
    Document<MeasurementFile> doc = MeasurementLoader.load(file);
    String id = out != null ? Document.stem(out) : defaultId(baseId, doc.value());
    Path target = out != null ? out : TiersimHome.hardwareProfiles().resolve("calibrated").resolve(id + ".yaml");
    MeasurementCalibration.Result result = MeasurementCalibration.calibrate(
        new MeasurementCalibration.Request(doc, citation(file, doc.value()), baseFile, id, allowSynthetic), catalog);
    PrintWriter stdout = spec.commandLine().getOut();
    Output.emit(result.yaml(), target, stdout);
    stdout.print(result.report().render());
    stdout.printf("%nwrote %s (%d measured points)%n", target, result.points());
    stdout.flush();
    return 0;
  }

  /** A bundled id's file under hardware-profiles/systems, or the user's profile as given. */
  static Path baseFile(String system, HardwareCatalog catalog) {
    Path asFile = Path.of(system);
    if (system.endsWith(".yaml") || system.endsWith(".yml") || Files.isRegularFile(asFile)) {
      if (!Files.isRegularFile(asFile)) {
        throw InputException.of("system", "file not found: " + system);
      }
      return asFile;
    }
    catalog.system(system); // an unknown id fails here, listing the known ones
    return TiersimHome.hardwareProfiles().resolve("systems").resolve(system + ".yaml");
  }

  /** The file's name and digest, the GPU, its driver and the day, for every point's source. */
  static String citation(Path file, MeasurementFile m) {
    DeviceInfo d = m.device();
    String device = d == null ? "no GPU recorded"
        : d.name() + (d.driverVersion() == null ? "" : ", driver " + d.driverVersion());
    return String.format(Locale.ROOT, "tiersim probe file %s (sha256 %s; %s; %s)", file.getFileName(),
        sha256(file).substring(0, 12), device, m.date());
  }

  static String defaultId(String baseId, MeasurementFile m) {
    String gpu = m.device() == null ? "unknown-gpu" : slug(m.device().name());
    return baseId + "-" + gpu + "-" + m.date().replace("-", "");
  }

  static String slug(String s) {
    String slug = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    return slug.isEmpty() ? "gpu" : slug;
  }


  private static String sha256(Path p) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (IOException e) {
      throw new InputException(p, 0, null, "cannot read the file: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
