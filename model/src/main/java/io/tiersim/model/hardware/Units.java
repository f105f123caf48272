package io.tiersim.model.hardware;

/** Unit factors for the suffixes used in hardware file field names. */
final class Units {
  static final double GB = 1e9;
  static final double TB = 1e12;
  static final double GIB = 1L << 30;
  static final double MIB = 1L << 20;
  static final double KIB = 1L << 10;
  static final double TERA = 1e12;
  static final double MICRO = 1e-6;

  private Units() {}
}
