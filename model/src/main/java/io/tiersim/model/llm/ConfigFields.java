package io.tiersim.model.llm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.Require;
import io.tiersim.model.io.YamlLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The top-level fields of one JSON file, read leniently about unknown fields but strictly about
 * the ones asked for: a missing required field, a wrong type or an out-of-range number becomes an
 * {@link InputException} naming the file, the field and (for present fields) its line.
 */
final class ConfigFields {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private final Path file;
  private final JsonNode root;
  private final Map<String, Integer> lines;
  /** Prepended to keys in errors: {@code text_config.} for a nested language-model config. */
  private final String prefix;
  /** Record field name to the JSON key its value was read from, for error messages. */
  private final Map<String, String> keyOf = new HashMap<>();

  private ConfigFields(Path file, JsonNode root, Map<String, Integer> lines, String prefix) {
    this.file = file;
    this.root = root;
    this.lines = lines;
    this.prefix = prefix;
  }

  /**
   * The object under {@code key} (a multimodal config's {@code text_config}), over {@code
   * defaults}: the values its config class assumes where the file leaves a field out. Errors name
   * fields as {@code key.field}.
   */
  ConfigFields nested(String key, Map<String, Object> defaults) {
    JsonNode node = root.get(key);
    if (node == null || !node.isObject()) {
      throw error(key, "expected an object (the language model's config)");
    }
    com.fasterxml.jackson.databind.node.ObjectNode merged = JSON.createObjectNode();
    defaults.forEach((k, v) -> merged.set(k, JSON.valueToTree(v)));
    node.fields().forEachRemaining(e -> merged.set(e.getKey(), e.getValue()));
    return new ConfigFields(file, merged, Map.of(), prefix + key + ".");
  }

  static ConfigFields read(Path file) {
    String text = YamlLoader.readText(file);
    try {
      JsonNode root = JSON.readTree(text);
      if (root == null || !root.isObject()) {
        throw new InputException(file, 1, null, "expected a JSON object (a Hugging Face config.json)");
      }
      return new ConfigFields(file, root, keyLines(text), "");
    } catch (JsonProcessingException e) {
      throw YamlLoader.translate(file, e);
    }
  }

  private static Map<String, Integer> keyLines(String text) throws JsonProcessingException {
    Map<String, Integer> lines = new HashMap<>();
    JsonFactory factory = JSON.getFactory();
    try (JsonParser p = factory.createParser(text)) {
      int depth = 0;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t.isStructStart()) {
          depth++;
        } else if (t.isStructEnd()) {
          depth--;
        } else if (t == JsonToken.FIELD_NAME && depth == 1) {
          lines.putIfAbsent(p.currentName(), p.currentTokenLocation().getLineNr());
        }
      }
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
    return lines;
  }

  Path file() {
    return file;
  }

  /** Whether the first of these keys that is present holds a non-null value. */
  boolean has(String... keys) {
    return find(keys) != null;
  }

  /** A required integer {@code >= 1}. */
  int positive(String field, String... keys) {
    return checkMin(field, requireInt(field, keys), 1);
  }

  /** An optional integer {@code >= 1}, {@code fallback} when absent or null. */
  int positive(String field, int fallback, String... keys) {
    return has(keys) ? positive(field, keys) : fallback;
  }

  /** An optional integer {@code >= 0}, {@code fallback} when absent or null. */
  int nonNegative(String field, int fallback, String... keys) {
    return has(keys) ? checkMin(field, requireInt(field, keys), 0) : fallback;
  }

  /** An optional integer {@code >= 1}, null when absent or null. */
  Integer optionalPositive(String field, String... keys) {
    return has(keys) ? positive(field, keys) : null;
  }

  boolean bool(String field, boolean fallback, String... keys) {
    JsonNode node = find(keys);
    if (node == null) {
      return fallback;
    }
    remember(field, keys);
    if (!node.isBoolean()) {
      throw error(keyOf.get(field), "expected true or false, got " + node);
    }
    return node.booleanValue();
  }

  String string(String field, String fallback, String... keys) {
    JsonNode node = find(keys);
    if (node == null) {
      return fallback;
    }
    remember(field, keys);
    if (!node.isTextual()) {
      throw error(keyOf.get(field), "expected a string, got " + node);
    }
    return node.textValue();
  }

  String requiredString(String field, String... keys) {
    String value = string(field, null, keys);
    if (value == null || value.isBlank()) {
      throw missing(keys[0]);
    }
    return value;
  }

  /** The length of an optional list, 0 when absent. */
  int listSize(String field, String... keys) {
    JsonNode node = find(keys);
    if (node == null) {
      return 0;
    }
    remember(field, keys);
    if (!node.isArray()) {
      throw error(keyOf.get(field), "expected a list, got " + node);
    }
    return node.size();
  }

  /** An optional list of strings, null when absent. */
  java.util.List<String> optionalStrings(String field, String... keys) {
    JsonNode node = find(keys);
    if (node == null) {
      return null;
    }
    remember(field, keys);
    if (!node.isArray()) {
      throw error(keyOf.get(field), "expected a list of strings, got " + node);
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode e : node) {
      if (!e.isTextual()) {
        throw error(keyOf.get(field), "expected a list of strings, got the element " + e);
      }
      out.add(e.textValue());
    }
    return out;
  }

  /** An optional finite number {@code >= 0}. */
  double nonNegativeNumber(String field, double fallback, String... keys) {
    JsonNode node = find(keys);
    if (node == null) {
      return fallback;
    }
    remember(field, keys);
    if (!node.isNumber() || !(node.doubleValue() >= 0) || Double.isInfinite(node.doubleValue())) {
      throw error(keyOf.get(field), "expected zero or a positive number, got " + node);
    }
    return node.doubleValue();
  }

  /** An error about a JSON key, with its line when the key is in the file. */
  InputException error(String key, String problem) {
    return new InputException(file, lines.getOrDefault(key, 0), prefix + key, problem);
  }

  /**
   * Turns a failed check of a record's compact constructor ({@code "field: problem"}) into an
   * error about the JSON key that field was read from.
   */
  InputException translate(IllegalArgumentException e) {
    Require.Failure failure = Require.Failure.of(e);
    if (failure.field() == null) {
      return new InputException(file, 0, null, failure.problem());
    }
    return error(keyOf.getOrDefault(failure.field(), failure.field()), failure.problem());
  }

  private InputException missing(String key) {
    return new InputException(file, 0, prefix + key, "missing; this field is required");
  }

  private JsonNode find(String... keys) {
    for (String key : keys) {
      JsonNode node = root.get(key);
      if (node != null && !node.isNull()) {
        return node;
      }
    }
    return null;
  }

  private void remember(String field, String... keys) {
    for (String key : keys) {
      JsonNode node = root.get(key);
      if (node != null && !node.isNull()) {
        keyOf.put(field, key);
        return;
      }
    }
    keyOf.putIfAbsent(field, keys[0]);
  }

  private int requireInt(String field, String... keys) {
    JsonNode node = find(keys);
    remember(field, keys);
    if (node == null) {
      throw missing(keys[0]);
    }
    boolean integral = node.isIntegralNumber()
        || node.isNumber() && node.doubleValue() == Math.rint(node.doubleValue());
    if (!integral || !fitsInt(node)) {
      throw error(keyOf.get(field), "expected an integer, got " + node);
    }
    return node.intValue();
  }

  private static boolean fitsInt(JsonNode node) {
    double v = node.doubleValue();
    return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
  }

  private int checkMin(String field, int value, int min) {
    if (value < min) {
      String what = min == 0 ? "zero or a positive integer" : "a positive integer";
      throw error(keyOf.get(field), "expected " + what + ", got " + value);
    }
    return value;
  }
}
