package io.tiersim.model.io;

import java.util.Collection;

/**
 * Checks used by the compact constructors of configuration records. Each throws
 * {@link IllegalArgumentException} whose message starts with the snake_case field name; the
 * loaders add the file, the line and the path of the enclosing object.
 */
public final class Require {
  private Require() {}

  /**
   * A failed check read back: {@code field} is the leading snake_case name of a message written
   * {@code "field: problem"}, or null when the message does not start with one.
   */
  public record Failure(String field, String problem) {
    public static Failure of(Throwable e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      int colon = msg.indexOf(": ");
      if (colon > 0 && !msg.substring(0, colon).contains(" ")) {
        return new Failure(msg.substring(0, colon), msg.substring(colon + 2));
      }
      return new Failure(null, msg);
    }
  }

  public static <T> T present(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + ": missing; this field is required");
    }
    return value;
  }

  public static String nonBlank(String value, String field) {
    present(value, field);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + ": expected a non-empty string");
    }
    return value;
  }

  public static <C extends Collection<?>> C nonEmpty(C value, String field) {
    present(value, field);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(field + ": expected at least one entry");
    }
    return value;
  }

  public static long positive(long value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + ": expected a positive integer, got " + value);
    }
    return value;
  }

  public static int positive(int value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + ": expected a positive integer, got " + value);
    }
    return value;
  }

  public static int nonNegative(int value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + ": expected zero or a positive integer, got " + value);
    }
    return value;
  }

  public static long nonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(field + ": expected zero or a positive integer, got " + value);
    }
    return value;
  }

  public static double positive(double value, String field) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + ": expected a positive number, got " + value);
    }
    return value;
  }

  public static double nonNegative(double value, String field) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(field + ": expected zero or a positive number, got " + value);
    }
    return value;
  }

  /** A fraction in [0, 1]. */
  public static double fraction(double value, String field) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + ": expected a fraction between 0 and 1, got " + value);
    }
    return value;
  }

  public static int inRange(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field + ": expected an integer from " + min + " to " + max + ", got " + value);
    }
    return value;
  }
}
