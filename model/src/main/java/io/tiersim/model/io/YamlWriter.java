package io.tiersim.model.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes a JSON tree as YAML in the style of the bundled profiles: a mapping whose values are
 * all scalars on one line ({@code {value: 64, source: "..."}}), anything else in block style;
 * strings always double-quoted (JSON escapes are valid YAML), numbers in plain notation (no
 * exponent, which YAML 1.1 would read as a string) with every digit needed to read back the same
 * double. The output for a tree is always the same, so generated profiles diff cleanly.
 */
public final class YamlWriter {
  private static final Pattern PLAIN_KEY = Pattern.compile("[a-z_][a-z0-9_]*");
  private static final String INDENT = "  ";

  private YamlWriter() {}

  /** The tree (a mapping) as YAML, after the given comment lines (each written as {@code # line}). */
  public static String write(JsonNode root, List<String> comments) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("root: expected a mapping");
    }
    StringBuilder sb = new StringBuilder();
    for (String c : comments) {
      sb.append(c.isEmpty() ? "#" : "# " + c.replace("\n", " ")).append('\n');
    }
    mapping(root, "", sb);
    return sb.toString();
  }

  private static void mapping(JsonNode node, String indent, StringBuilder sb) {
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      sb.append(indent).append(key(f.getKey())).append(':');
      JsonNode v = f.getValue();
      if (inline(v)) {
        sb.append(' ').append(flow(v)).append('\n');
      } else if (v.isObject()) {
        sb.append('\n');
        mapping(v, indent + INDENT, sb);
      } else {
        sb.append('\n');
        sequence(v, indent + INDENT, sb);
      }
    }
  }

  private static void sequence(JsonNode node, String indent, StringBuilder sb) {
    for (JsonNode item : node) {
      sb.append(indent).append("- ");
      if (inline(item)) {
        sb.append(flow(item)).append('\n');
      } else if (item.isObject()) {
        // The first field follows the dash; the rest line up under it.
        StringBuilder inner = new StringBuilder();
        mapping(item, indent + INDENT, inner);
        sb.append(inner.substring(indent.length() + INDENT.length()));
      } else {
        sb.append('\n');
        sequence(item, indent + INDENT, sb);
      }
    }
  }

  /** Scalars, empty containers, and mappings or lists of scalars fit on one line. */
  private static boolean inline(JsonNode v) {
    if (v.isValueNode() || v.isEmpty()) {
      return true;
    }
    for (JsonNode child : v) {
      if (!child.isValueNode()) {
        return false;
      }
    }
    return true;
  }

  private static String flow(JsonNode v) {
    if (v.isValueNode()) {
      return scalar(v);
    }
    StringBuilder sb = new StringBuilder(v.isObject() ? "{" : "[");
    String sep = "";
    if (v.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = v.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        sb.append(sep).append(key(f.getKey())).append(": ").append(scalar(f.getValue()));
        sep = ", ";
      }
    } else {
      for (JsonNode item : v) {
        sb.append(sep).append(scalar(item));
        sep = ", ";
      }
    }
    return sb.append(v.isObject() ? "}" : "]").toString();
  }

  private static String scalar(JsonNode v) {
    if (v.isNull()) {
      return "null";
    }
    if (v.isTextual()) {
      return v.toString(); // a JSON string literal: quoted and escaped
    }
    if (v.isIntegralNumber() || v.isBoolean()) {
      return v.asText();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("value: " + d + " cannot be written to a profile");
      }
      String plain = BigDecimal.valueOf(d).toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    if (v.isEmpty()) {
      return v.isObject() ? "{}" : "[]";
    }
    throw new IllegalArgumentException("value: cannot write " + v.getNodeType());
  }

  private static String key(String k) {
    return PLAIN_KEY.matcher(k).matches() ? k : com.fasterxml.jackson.databind.node.TextNode.valueOf(k).toString();
  }
}
