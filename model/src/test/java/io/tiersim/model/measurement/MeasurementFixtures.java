package io.tiersim.model.measurement;

import io.tiersim.model.io.TiersimHome;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The synthetic H100 measurement file (a --dry-run output) and edits of it for error tests. */
final class MeasurementFixtures {
  static final Path SYNTHETIC_H100 =
      TiersimHome.root().resolve("model/src/test/resources/measurements/synthetic-h100-sxm.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  private MeasurementFixtures() {}

  static String text() {
    try {
      return Files.readString(SYNTHETIC_H100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fixture cut to two points per series and six settings, written as the probe writes
   * (one-space indent): every kind of record, at an eighth of the size, for the fuzz test.
   */
  static String small() {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(text());
      for (JsonNode series : root.get("microbenchmarks")) {
        ArrayNode points = (ArrayNode) series.get("points");
        while (points.size() > 2) {
          points.remove(points.size() - 1);
        }
      }
      ArrayNode settings = (ArrayNode) root.get("end_to_end").get("settings");
      while (settings.size() > 6) {
        settings.remove(1);
      }
      DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(
          new DefaultIndenter(" ", "\n")).withArrayIndenter(new DefaultIndenter(" ", "\n"));
      return JSON.writer(printer).writeValueAsString(root) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture with the first occurrence of {@code from} replaced; fails if it is absent. */
  static String edited(String from, String to) {
    String text = text();
    int at = text.indexOf(from);
    if (at < 0) {
      throw new IllegalArgumentException("'" + from + "' is not in the fixture");
    }
    return text.substring(0, at) + to + text.substring(at + from.length());
  }
}
