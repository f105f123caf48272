package io.tiersim.cli;

import java.util.Locale;

/** Durations for tables: microseconds to hours, three significant figures. */
public final class Seconds {
  private Seconds() {}

  /** A range in the unit its upper end takes, e.g. {@code 18.1-21.5 ms}; one value when both ends round alike. */
  public static String range(double low, double high) {
    double scale;
    String unit;
    if (high < 1e-3) {
      scale = 1e6;
      unit = "us";
    } else if (high < 1) {
      scale = 1e3;
      unit = "ms";
    } else if (high < 3600) {
      scale = 1;
      unit = "s";
    } else {
      scale = 1 / 3600.0;
      unit = "h";
    }
    String lo = String.format(Locale.ROOT, "%.3g", low * scale);
    String hi = String.format(Locale.ROOT, "%.3g", high * scale);
    return (lo.equals(hi) ? hi : lo + "-" + hi) + " " + unit;
  }

  public static String of(double s) {
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
