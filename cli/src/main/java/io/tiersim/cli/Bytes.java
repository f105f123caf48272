package io.tiersim.cli;

import java.util.Locale;

/** Human-readable byte counts in binary units (GiB), as GPU memory is sold and reported. */
final class Bytes {
  private Bytes() {}

  static String gib(double bytes) {
    if (bytes == 0) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.2f GiB", bytes / (1L << 30));
  }
}
