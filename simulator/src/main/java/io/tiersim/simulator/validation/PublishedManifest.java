package io.tiersim.simulator.validation;

import io.tiersim.model.io.Document;
import io.tiersim.model.io.Require;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The published rows tiersim is checked against ({@code validation/published/manifest.yaml}).
 *
 * @param timeTolerance largest |relative error| a time or throughput row may have before it needs
 *     an explanation (the 35 %)
 * @param memoryTolerance the same for memory rows (5 %)
 */
public record PublishedManifest(Double timeTolerance, Double memoryTolerance, List<PublishedRow> rows) {

  public PublishedManifest {
    Require.fraction(timeTolerance == null ? 0.35 : timeTolerance, "time_tolerance");
    Require.fraction(memoryTolerance == null ? 0.05 : memoryTolerance, "memory_tolerance");
    timeTolerance = timeTolerance == null ? 0.35 : timeTolerance;
    memoryTolerance = memoryTolerance == null ? 0.05 : memoryTolerance;
    Require.nonEmpty(rows, "rows");
    rows = List.copyOf(rows);
  }

  public double tolerance(Metric m) {
    return m.family() == Metric.Family.MEMORY ? memoryTolerance : timeTolerance;
  }

  /** Reads a manifest; ids must be unique. */
  public static Document<PublishedManifest> load(Path file) {
    return load(file, file.toString());
  }

  /** Reads a manifest, naming it {@code shownAs} in reports. */
  public static Document<PublishedManifest> load(Path file, String shownAs) {
    Document<PublishedManifest> read = Document.read(file, PublishedManifest.class);
    Document<PublishedManifest> doc = new Document<>(shownAs, read.baseDir(), read.value(), read.lines());
    Set<String> ids = new HashSet<>();
    List<PublishedRow> rows = doc.value().rows();
    for (int i = 0; i < rows.size(); i++) {
      if (!ids.add(rows.get(i).id())) {
        throw doc.error("rows[" + i + "].id", "duplicate id '" + rows.get(i).id() + "'; ids must be unique");
      }
    }
    return doc;
  }
}
