package io.tiersim.model.hardware;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the line of a top-level key in a YAML text, for errors found after parsing (an unknown
 * GPU id, an id that does not match its file name) that Jackson cannot place.
 */
final class YamlLines {
  private YamlLines() {}

  /** One-based line of {@code key:} at the start of a line, or 0 when absent. */
  static int lineOf(String text, String key) {
    Matcher m = Pattern.compile("^" + Pattern.quote(key) + "\\s*:", Pattern.MULTILINE).matcher(text);
    if (!m.find()) {
      return 0;
    }
    int line = 1;
    for (int i = 0; i < m.start(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
