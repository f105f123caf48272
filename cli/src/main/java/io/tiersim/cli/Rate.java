package io.tiersim.cli;

import java.util.Locale;

/** Token rates for tables, three significant figures. */
final class Rate {
  private Rate() {}

  static String of(double tokensPerS) {
    return tokensPerS >= 1000 ? String.format(Locale.ROOT, "%,.0f", tokensPerS)
        : String.format(Locale.ROOT, "%.3g", tokensPerS);
  }
}
