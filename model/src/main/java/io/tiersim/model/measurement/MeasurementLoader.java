package io.tiersim.model.measurement;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.LineIndex;
import io.tiersim.model.io.YamlLoader;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a probe measurement file strictly: JSON syntax first (so a truncated file names the
 * field being read), then the schema version, then the records with their checks. Every problem
 * is an {@link InputException} naming the file, the line and the field path.
 */
public final class MeasurementLoader {
  /** Only for the version check: plain JSON, several times faster than the shared YAML parser. */
  private static final ObjectMapper TREE = new ObjectMapper();

  private MeasurementLoader() {}

  public static Document<MeasurementFile> load(Path file) {
    String text = YamlLoader.readText(file);
    Path base = file.toAbsolutePath().getParent();
    return new Document<>(file.toString(), base, parse(file.toString(), text), LineIndex.of(text));
  }

  /** Parses the text of a file named {@code origin} in errors. */
  public static MeasurementFile parse(String origin, String text) {
    JsonSyntax.check(origin, text);
    checkVersion(origin, text);
    MeasurementFile file = YamlLoader.readJson(origin, text, MeasurementFile.class);
    unique(origin, text, "microbenchmarks", file.microbenchmarks(), MicrobenchmarkSeries::id);
    if (file.endToEnd() != null) {
      unique(origin, text, "end_to_end.settings", file.endToEnd().settings(), EndToEndSetting::id);
    }
    return file;
  }

  /** A newer file would fail on its first new field; say which version it is instead. */
  private static void checkVersion(String origin, String text) {
    JsonNode root;
    try {
      root = TREE.readTree(text);
    } catch (JsonProcessingException e) {
      throw YamlLoader.translate(origin, e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(origin, 1, null, "expected a JSON object (a probe measurement file)");
    }
    JsonNode v = root.get("schema_version");
    if (v != null && v.isIntegralNumber() && MeasurementFile.readable(v.asInt())) {
      return;
    }
    int line = v == null ? 1 : LineIndex.of(text).lineOf("schema_version");
    if (v == null) {
      throw new InputException(origin, line, "schema_version", "missing; expected " + MeasurementFile.SCHEMA_VERSION
          + " (is this a probe measurement file?)");
    }
    if (!v.isIntegralNumber()) {
      throw new InputException(origin, line, "schema_version", "expected an integer, got " + v);
    }
    throw new InputException(origin, line, "schema_version", "unsupported schema version " + v.asInt()
        + "; this tiersim reads versions " + MeasurementFile.OLDEST_SCHEMA_VERSION + " to "
        + MeasurementFile.SCHEMA_VERSION + " (see validation/probe/README.md)");
  }

  private static <T> void unique(String origin, String text, String field, List<T> items, Function<T, String> id) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String value = id.apply(items.get(i));
      if (!seen.add(value)) {
        String path = field + "[" + i + "].id";
        throw new InputException(origin, LineIndex.of(text).lineOf(path), path, "duplicate id '" + value + "'");
      }
    }
  }
}
