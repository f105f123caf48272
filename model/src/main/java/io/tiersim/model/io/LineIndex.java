package io.tiersim.model.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line on which each field of a YAML/JSON document starts, keyed by dotted path
 * ({@code strategies[2].preset}), so checks made after parsing can still point at a line.
 */
public final class LineIndex {
  private final Map<String, Integer> lines;

  private LineIndex(Map<String, Integer> lines) {
    this.lines = lines;
  }

  public static LineIndex empty() {
    return new LineIndex(Map.of());
  }

  /** Indexes a document that is already known to parse. */
  public static LineIndex of(String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YamlLoader.mapper().getFactory().createParser(text)) {
      Deque<Frame> stack = new ArrayDeque<>();
      String path = "";
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        if (t == JsonToken.FIELD_NAME) {
          path = stack.isEmpty() ? "" : stack.peek().path;
          path = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
          lines.putIfAbsent(path, line);
          continue;
        }
        Frame parent = stack.peek();
        if (parent != null && parent.array) {
          path = parent.path + "[" + parent.next++ + "]";
          lines.putIfAbsent(path, line);
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          stack.push(new Frame(path, t == JsonToken.START_ARRAY));
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
        }
      }
    } catch (IOException e) {
      // A document that does not parse is reported by the parser itself.
    }
    return new LineIndex(lines);
  }

  /** The line of the field, or of its nearest enclosing field; 0 when unknown. */
  public int lineOf(String path) {
    String p = path;
    while (p != null && !p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? null : p.substring(0, cut);
    }
    return 0;
  }

  private static final class Frame {
    final String path;
    final boolean array;
    int next;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }
}
