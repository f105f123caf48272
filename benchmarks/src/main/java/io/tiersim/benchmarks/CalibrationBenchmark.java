package io.tiersim.benchmarks;

import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.measurement.MeasurementFile;
import io.tiersim.model.measurement.MeasurementLoader;
import io.tiersim.simulator.calibration.MeasurementCalibration;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of {@code tiersim calibrate} without the JVM start: reading the synthetic H100 probe file
 * (227 points, 55 end-to-end settings), and the whole calibration from it (convert the points,
 * write the profile, load it back, fit every curve, build the report). The issue asks for well
 * under 5 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CalibrationBenchmark {
  private Path measurements;
  private Path baseProfile;
  private HardwareCatalog catalog;

  @Setup
  public void locate() {
    measurements = TiersimHome.root().resolve("model/src/test/resources/measurements/synthetic-h100-sxm.json");
    baseProfile = TiersimHome.hardwareProfiles().resolve("systems/h100-sxm.yaml");
    catalog = HardwareCatalog.bundled();
  }

  @Benchmark
  public Document<MeasurementFile> loadMeasurementFile() {
    return MeasurementLoader.load(measurements);
  }

  @Benchmark
  public MeasurementCalibration.Result calibrateFromFile() {
    Document<MeasurementFile> doc = MeasurementLoader.load(measurements);
    return MeasurementCalibration.calibrate(
        new MeasurementCalibration.Request(doc, "benchmark", baseProfile, "h100-benchmark", true), catalog);
  }
}
