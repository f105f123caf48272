package io.tiersim.model.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Reads YAML or JSON into validated records. Unknown fields, duplicate keys, wrong types and
 * failed checks in compact constructors all become an {@link InputException} naming the file, the
 * line and the dotted field path.
 */
public final class YamlLoader {
  private static final ObjectMapper MAPPER = newMapper();
  /** Strict JSON only, and a fraction where an integer is expected is an error instead of being truncated. */
  private static final ObjectMapper EXACT_JSON = configure(new ObjectMapper())
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  private YamlLoader() {}

  /** The strict snake_case mapper every loader shares (YAML is a superset of JSON). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper newMapper() {
    return configure(new ObjectMapper(YAMLFactory.builder().build()));
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper.registerModule(new JavaTimeModule());
    mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return mapper;
  }

  /** Reads a file into a tree, for documents whose shape depends on their content. */
  public static JsonNode readTree(Path file) {
    String text = readText(file);
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || node.isMissingNode() || node.isNull()) {
        throw new InputException(file, 1, null, "the file is empty; expected a YAML or JSON mapping");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw translate(file, e);
    }
  }

  /** Reads a whole file as one record type. */
  public static <T> T read(Path file, Class<T> type) {
    String text = readText(file);
    try {
      T value = MAPPER.readValue(text, type);
      if (value == null) {
        throw new InputException(file, 1, null, "the file is empty; expected a YAML or JSON mapping");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw translate(file, e);
    }
  }

  /** Reads a string (named {@code origin} in errors) as one record type. */
  public static <T> T read(String origin, String text, Class<T> type) {
    return read(MAPPER, origin, text, type);
  }

  /**
   * Like {@link #read(String, String, Class)} for a JSON document, but {@code 1.5} for an integer
   * field is an error rather than 1: for machine-written files, where a fraction in a count means
   * a broken writer. A JSON parser is also several times faster than the YAML one on large files.
   */
  public static <T> T readJson(String origin, String text, Class<T> type) {
    return read(EXACT_JSON, origin, text, type);
  }

  private static <T> T read(ObjectMapper mapper, String origin, String text, Class<T> type) {
    try {
      T value = mapper.readValue(text, type);
      if (value == null) {
        throw new InputException(origin, 1, null, "the document is empty; expected a YAML or JSON mapping");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw refine(origin, text, e, translate(origin, e));
    }
  }

  /**
   * Jackson builds a record before it reports the record's unknown fields, so a misspelt required
   * field first surfaces as "missing": report the unknown field instead. Also moves the line from
   * the end of the enclosing object to the field itself.
   */
  private static InputException refine(String origin, String text, JsonProcessingException e, InputException error) {
    LineIndex lines = LineIndex.of(text);
    if (e instanceof ValueInstantiationException inst && inst.getType() != null) {
      String objectPath = pathOf(inst);
      String unknown = unknownKey(text, objectPath, inst.getType());
      if (unknown != null) {
        String path = objectPath.isEmpty() ? unknown : objectPath + "." + unknown;
        return new InputException(origin, lines.lineOf(path), path, "unknown field '" + unknown + "'; expected one of: "
            + String.join(", ", knownProperties(inst.getType())));
      }
    }
    int line = error.field() == null ? 0 : lines.lineOf(error.field());
    return line > 0 && line != error.line() ? new InputException(origin, line, error.field(), error.problem()) : error;
  }

  private static java.util.List<String> knownProperties(com.fasterxml.jackson.databind.JavaType type) {
    return MAPPER.getDeserializationConfig().introspect(type).findProperties().stream()
        .map(com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition::getName).sorted().toList();
  }

  private static String unknownKey(String text, String objectPath, com.fasterxml.jackson.databind.JavaType type) {
    try {
      JsonNode node = MAPPER.readTree(text);
      for (String part : objectPath.replace("[", ".[").split("\\.")) {
        if (part.isEmpty() || node == null) {
          continue;
        }
        node = part.startsWith("[") ? node.get(Integer.parseInt(part.substring(1, part.length() - 1))) : node.get(part);
      }
      if (node == null || !node.isObject()) {
        return null;
      }
      java.util.List<String> known = knownProperties(type);
      java.util.Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name)) {
          return name;
        }
      }
    } catch (JsonProcessingException | RuntimeException ignored) {
      // The original error stands.
    }
    return null;
  }

  public static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, "file not found");
    } catch (IOException e) {
      throw new InputException(file, 0, null, "cannot read the file: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new InputException(file, 0, null, "cannot read the file: " + e.getMessage());
    }
  }

  public static InputException translate(Path file, JsonProcessingException e) {
    return translate(file.toString(), e);
  }

  /** Turns a Jackson error into a message a user can act on. */
  public static InputException translate(String origin, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : location.getLineNr();
    String path = null;
    if (e instanceof JsonMappingException mapping) {
      path = pathOf(mapping);
    }
    String problem;
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
          .map(Object::toString).sorted().collect(Collectors.joining(", "));
      problem = "unknown field '" + unknown.getPropertyName() + "'"
          + (known.isEmpty() ? "" : "; expected one of: " + known);
      path = path == null || path.isEmpty() ? unknown.getPropertyName() : path;
    } else if (e instanceof ValueInstantiationException inst && inst.getCause() != null) {
      Require.Failure failure = Require.Failure.of(inst.getCause());
      // Our checks start with the field name: fold it into the path.
      if (inst.getCause() instanceof IllegalArgumentException && failure.field() != null) {
        path = path == null || path.isEmpty() ? failure.field() : path + "." + failure.field();
        problem = failure.problem();
      } else {
        problem = inst.getCause().getMessage() == null ? inst.getCause().toString() : inst.getCause().getMessage();
      }
    } else if (e instanceof InvalidFormatException format) {
      problem = "expected " + describe(format.getTargetType()) + ", got '" + format.getValue() + "'";
    } else if (e instanceof MismatchedInputException mismatch) {
      problem = "expected " + describe(mismatch.getTargetType()) + "; " + firstLine(e.getOriginalMessage());
    } else {
      problem = "malformed YAML/JSON: " + firstLine(e.getOriginalMessage());
    }
    return new InputException(origin, line, path, problem);
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        sb.append('[').append(ref.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      StringBuilder sb = new StringBuilder("one of: ");
      for (int i = 0; i < constants.length; i++) {
        sb.append(i == 0 ? "" : ", ").append(constants[i].toString());
      }
      return sb.toString();
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "an integer";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping (" + type.getSimpleName() + ")";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
