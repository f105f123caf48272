package io.tiersim.simulator.validation;

import java.util.Locale;

/** Numbers in reports: four significant figures, no exponent for everyday magnitudes. */
final class Format {
  private Format() {}

  static String number(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.4g", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%+.1f %%", 100 * fraction);
  }
}
