package io.tiersim.model.hardware;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a key in a YAML text, for errors that Jackson cannot place: an unknown GPU id
 * or an id that does not match its file name (found after parsing), and unknown fields of records,
 * which Jackson reports at the end of the enclosing mapping.
 */
final class YamlLines {
  /** A path part with a list index, such as {@code measured[2]}. */
  private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d+)]");

  private YamlLines() {}

  /** One-based line of {@code key:} at the start of a line, or 0 when absent. */
  static int lineOf(String text, String key) {
    Matcher m = Pattern.compile("^" + Pattern.quote(key) + "\\s*:", Pattern.MULTILINE).matcher(text);
    return m.find() ? lineAt(text, m.start()) : 0;
  }

  /**
   * One-based line of the last key of a dotted path ({@code host_link.latency_us},
   * {@code measured[2].kind}), looking for each key after the previous one: the line of the deepest
   * key found, or 0 when not even the first is found.
   */
  static int lineOfPath(String text, String path) {
    int from = 0;
    int line = 0;
    boolean first = true;
    for (String part : path.split("\\.")) {
      Matcher indexed = INDEXED.matcher(part);
      String key = indexed.matches() ? indexed.group(1) : part;
      int index = indexed.matches() ? parseIndex(indexed.group(2)) : -1;
      String prefix = first ? "^" : "(?:^|[\\s{,])";
      Matcher m = Pattern.compile(prefix + "-?\\s*" + Pattern.quote(key) + "\\s*:", Pattern.MULTILINE).matcher(text);
      if (key.isEmpty() || !m.find(from)) {
        return line;
      }
      from = m.end();
      line = lineAt(text, m.start() + (m.group().startsWith("\n") ? 1 : 0));
      for (int i = 0; i < index + 1 && index >= 0; i++) {
        // Step to the (index+1)-th list item after the key.
        int dash = text.indexOf("- ", from);
        if (dash < 0) {
          return line;
        }
        from = dash + 2;
        line = lineAt(text, dash);
      }
      first = false;
    }
    return line;
  }

  private static int parseIndex(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException tooLong) {
      return -1;
    }
  }

  private static int lineAt(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
