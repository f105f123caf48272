package io.tiersim.model.strategy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An inclusive range of layer indices, written {@code "8"}, {@code "0-15"} or {@code "16-"} (to
 * the last layer).
 */
public record LayerRange(int first, int last) {
  /** {@link #last} of an open range such as {@code "16-"}. */
  public static final int OPEN = Integer.MAX_VALUE;

  public LayerRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException(
          "range: expected 'A', 'A-B' or 'A-' with 0 <= A <= B, got " + first + "-" + last);
    }
  }

  @JsonCreator
  public static LayerRange parse(String text) {
    String t = text == null ? "" : text.strip();
    try {
      int dash = t.indexOf('-');
      if (dash < 0) {
        int layer = Integer.parseInt(t);
        return new LayerRange(layer, layer);
      }
      int first = Integer.parseInt(t.substring(0, dash).strip());
      String rest = t.substring(dash + 1).strip();
      return new LayerRange(first, rest.isEmpty() ? OPEN : Integer.parseInt(rest));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("range: expected 'A', 'A-B' or 'A-' (layer indices), got '" + text + "'");
    }
  }

  public boolean contains(int layer) {
    return layer >= first && layer <= last;
  }

  @JsonValue
  @Override
  public String toString() {
    if (first == last) {
      return Integer.toString(first);
    }
    return first + "-" + (last == OPEN ? "" : Integer.toString(last));
  }
}
