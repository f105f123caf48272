package io.tiersim.simulator.sweep;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code sweep.json}: what a sweep's output folder holds, so that a rerun can tell whether the
 * folder belongs to the same sweep (same fingerprint) and whether it finished. No timestamps or
 * thread counts: the same sweep writes the same bytes.
 */
@JsonPropertyOrder({"name", "description", "fingerprint", "complete", "points", "cells", "files", "skipped", "columns"})
public record SweepManifest(
    String name,
    String description,
    String fingerprint,
    boolean complete,
    long points,
    long cells,
    List<String> files,
    List<String> skipped,
    List<Column> columns) {

  static final String FILE = "sweep.json";
  static final String POINTS_CSV = "points.csv";
  static final String POINTS_JSON = "points.json";
  static final String ANSWERS_JSON = "answers.json";
  static final String ANSWERS_MD = "answers.md";

  static SweepManifest of(SweepPlan plan, boolean complete) {
    return new SweepManifest(plan.name(), plan.description(), plan.fingerprint(), complete, plan.pointCount(),
        plan.cellCount(), complete ? List.of(POINTS_CSV, POINTS_JSON, ANSWERS_JSON, ANSWERS_MD) : List.of(SweepJournal.FILE),
        plan.skipped(), SweepColumns.ALL);
  }
}
