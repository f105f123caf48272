package io.tiersim.simulator.calibration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.MeasuredPoint;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.io.YamlWriter;
import io.tiersim.model.measurement.DeviceInfo;
import io.tiersim.model.measurement.MeasuredPoints;
import io.tiersim.model.measurement.MeasurementFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Calibrates a system profile from a probe measurement file: the base profile's YAML with the
 * file's points as its measured points (each citing the file and point), loaded back through the
 * hardware catalog and fitted by {@link ProfileCalibration}, so the report describes exactly the
 * profile that is written and that later runs will load. One calibration path: the same fit runs
 * whenever the written profile is used.
 */
public final class MeasurementCalibration {
  /**
   * How far torch's usable memory may sit from the profile's capacity and still be the same GPU:
   * an H100 80GB reports 79.2 GiB and an H200 140.4 of 141 GiB (1 %), while neighbouring parts
   * differ by 40 % or more (40 vs 80 GiB, 80 vs 141 GiB).
   */
  static final double MEMORY_MATCH = 0.05;

  static final String SYNTHETIC_WARNING =
      "WARNING: synthetic values (a --dry-run or --cpu-smoke file), not measurements: for testing only.";

  private MeasurementCalibration() {}

  private static boolean synthetic(MeasurementFile file) {
    return !file.mode().measured();
  }

  /**
   * @param measurements the loaded file; errors about it name its fields
   * @param citation how points cite the file, e.g. its name and digest
   * @param baseFile the system profile YAML to calibrate (bundled or the user's)
   * @param profileId the id (and file stem) of the calibrated profile
   * @param allowSynthetic whether a dry-run or smoke file may be used (tests only)
   */
  public record Request(Document<MeasurementFile> measurements, String citation, Path baseFile, String profileId,
      boolean allowSynthetic) {}

  /** The calibrated profile as text and as loaded, its fits, and the report on them. */
  public record Result(String profileId, String yaml, SystemProfile profile, CalibratedEfficiency efficiency,
      List<Fit<TransferCurve>> recorded, FitReport report, int points) {}

  public static Result calibrate(Request request, HardwareCatalog catalog) {
    Document<MeasurementFile> doc = request.measurements();
    MeasurementFile file = doc.value();
    if (!file.mode().measured() && !request.allowSynthetic()) {
      throw doc.error("mode", "the values are synthetic (mode " + file.mode().key() + "), not measured on a GPU;"
          + " run the probe without --dry-run or --cpu-smoke");
    }
    SystemProfile base = catalog.resolveSystem(request.baseFile().toString(), null);
    checkDevice(doc, base, request.allowSynthetic());
    List<MeasuredPoints.Converted> points = MeasuredPoints.from(doc, request.citation());
    if (points.isEmpty()) {
      throw doc.error("microbenchmarks", "no series has measured points; nothing to calibrate");
    }
    String body = YamlWriter.write(profileTree(request, base, file, points), List.of());
    SystemProfile profile = catalog.parseSystem(request.profileId() + ".yaml", body);
    CalibratedEfficiency efficiency = ProfileCalibration.fit(profile);
    List<Fit<TransferCurve>> recorded = ProfileCalibration.supplementaryFits(profile);
    String title = String.format(Locale.ROOT, "Calibrated %s from %d measured points: %s%s", request.profileId(),
        points.size(), request.citation(), synthetic(file) ? "\n" + SYNTHETIC_WARNING : "");
    FitReport report = FitReport.of(title, profile, efficiency, recorded);
    String yaml = header(request, base, file, report) + body;
    return new Result(request.profileId(), yaml, profile, efficiency, recorded, report, points.size());
  }

  private static void checkDevice(Document<MeasurementFile> doc, SystemProfile base, boolean allowSynthetic) {
    DeviceInfo device = doc.value().device();
    if (device == null) {
      throw doc.error("device", "the file records no GPU (see its errors); nothing to calibrate");
    }
    Long bytes = device.memoryTotalBytes();
    if (bytes == null) {
      if (allowSynthetic) {
        return;
      }
      throw doc.error("device.memory_total_bytes", "missing; needed to check that the file's GPU is the system's");
    }
    double expected = base.gpu().hbmCapacityBytes();
    if (Math.abs(bytes / expected - 1) > MEMORY_MATCH) {
      throw doc.error("device.memory_total_bytes", String.format(Locale.ROOT,
          "the file was measured on '%s' with %.1f GiB, but system '%s' has a %s with %.1f GiB; choose the system "
              + "whose GPU was measured", device.name(), bytes / (double) (1L << 30), base.id(), base.gpu().name(),
          expected / (1L << 30)));
    }
  }

  /**
   * The base file's tree with a new id and name, and its measured points replaced kind by kind:
   * points of a kind the file measured give way to the file's; others (NVLink, FlexGen's CPU
   * rate) stay with their sources.
   */
  private static ObjectNode profileTree(Request request, SystemProfile base, MeasurementFile file,
      List<MeasuredPoints.Converted> points) {
    ObjectNode tree = (ObjectNode) YamlLoader.readTree(request.baseFile()).deepCopy();
    tree.put("id", request.profileId());
    tree.put("name", base.name() + ", calibrated from probe measurements of " + file.date());
    Set<MeasurementKind> measured = EnumSet.noneOf(MeasurementKind.class);
    points.forEach(p -> measured.add(p.point().kind()));
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    JsonNode old = tree.get("measured");
    if (old != null && old.isArray()) {
      for (JsonNode entry : old) {
        if (!measured.contains(MeasurementKind.fromKey(entry.path("kind").asText()))) {
          list.add(entry);
        }
      }
    }
    points.forEach(p -> list.add(pointNode(p)));
    tree.remove("measured");
    tree.set("measured", list);
    return tree;
  }

  /** A point in the profile format: size fields, then the value under its unit's name. */
  private static ObjectNode pointNode(MeasuredPoints.Converted c) {
    MeasuredPoint p = c.point();
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("kind", p.kind().key());
    if (p.transferBytes() != null) {
      n.put("transfer_bytes", p.transferBytes());
    }
    if (p.m() != null) {
      n.put("m", p.m());
      n.put("n", p.n());
      n.put("k", p.k());
    }
    if (p.workMacs() != null) {
      n.put("work_macs", p.workMacs());
    }
    if (p.dataType() != null) {
      n.put("data_type", p.dataType().key());
    }
    n.put(c.unit().key(), c.value());
    n.put("source", p.source());
    n.put("note", p.note());
    return n;
  }

  private static String header(Request request, SystemProfile base, MeasurementFile file, FitReport report) {
    List<String> lines = new ArrayList<>();
    if (synthetic(file)) {
      lines.add(SYNTHETIC_WARNING);
    }
    lines.add("Calibrated system profile written by `tiersim calibrate` from " + request.citation() + ".");
    lines.add("Base profile: " + base.id() + " (" + request.baseFile().getFileName() + "); its other numbers keep"
        + " their sources. Probe " + file.probeVersion() + "; " + libraries(file) + ".");
    lines.add("tiersim refits these curves from the measured points whenever it loads this file:");
    for (FitReport.Line l : report.lines()) {
      lines.add(String.format(Locale.ROOT, "  %-16s %3d points, rms %s: %s", l.fit(), l.points(),
          FitReport.percent(l.rmsRelativeError()), String.join("; ",
              l.parameters().stream().map(FitReport.Parameter::render).toList())));
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append("# ").append(l).append('\n');
    }
    return sb.toString();
  }

  private static String libraries(MeasurementFile file) {
    List<String> parts = new ArrayList<>();
    file.libraries().forEach((name, version) -> {
      if (version != null) {
        parts.add(name + " " + version);
      }
    });
    return parts.isEmpty() ? "no library versions recorded" : String.join(", ", parts);
  }
}
