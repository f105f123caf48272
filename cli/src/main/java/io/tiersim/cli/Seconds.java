package io.tiersim.cli;

import java.util.Locale;

/** Durations for tables: microseconds to hours, three significant figures. */
final class Seconds {
  private Seconds() {}

  static String of(double s) {
    if (s < 1e-3) {
      return String.format(Locale.ROOT, "%.3g us", s * 1e6);
    }
    if (s < 1) {
      return String.format(Locale.ROOT, "%.3g ms", s * 1e3);
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%.3g s", s);
    }
    return String.format(Locale.ROOT, "%.3g h", s / 3600);
  }
}
