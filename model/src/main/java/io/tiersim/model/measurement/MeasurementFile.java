package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A probe measurement file (schema version 1): how and when it was made, on which host and GPU
 * with which libraries, how much of the time budget it used, its microbenchmark series, its
 * end-to-end settings, and failures outside both. {@link MeasurementLoader} reads it.
 *
 * @param device null when the probe could not reach a GPU (then {@code errors} says why)
 * @param endToEnd null when the section was not run
 */
public record MeasurementFile(
    Integer schemaVersion,
    String probeVersion,
    ProbeMode mode,
    String createdUtc,
    String command,
    HostInfo host,
    DeviceInfo device,
    Map<String, String> libraries,
    BudgetUsage budget,
    List<MicrobenchmarkSeries> microbenchmarks,
    EndToEnd endToEnd,
    List<SectionError> errors) {

  /**
   * The version the probe writes. Version 2 added the eager decode-attention and eager
   * decompression kinds; a version-1 file is a version-2 file without them, so both are read.
   */
  public static final int SCHEMA_VERSION = 2;

  /** The oldest version this reader accepts. */
  public static final int OLDEST_SCHEMA_VERSION = 1;

  /** Whether this reader accepts files of {@code version}. */
  public static boolean readable(int version) {
    return version >= OLDEST_SCHEMA_VERSION && version <= SCHEMA_VERSION;
  }

  public MeasurementFile {
    Require.present(schemaVersion, "schema_version");
    Require.nonBlank(probeVersion, "probe_version");
    Require.present(mode, "mode");
    Require.nonBlank(createdUtc, "created_utc");
    Require.present(budget, "budget");
    libraries = libraries == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
    microbenchmarks = Checks.entries(microbenchmarks, "microbenchmarks");
    errors = Checks.optionalEntries(errors, "errors");
  }

  /** The day the file was made, {@code yyyy-mm-dd}, from {@code created_utc}. */
  public String date() {
    return createdUtc.length() >= 10 ? createdUtc.substring(0, 10) : createdUtc;
  }
}
