package io.tiersim.model.hardware;

import io.tiersim.model.DataType;
import io.tiersim.model.io.Require;

/**
 * A measured point as written in a profile: exactly one value field whose name carries the unit
 * ({@code gb_s}, {@code gib_s}, {@code tflops}, {@code us}) and must fit the kind.
 */
record MeasuredPointFile(
    MeasurementKind kind,
    Long transferBytes,
    Integer m,
    Integer n,
    Integer k,
    Long workMacs,
    DataType dataType,
    Double gbS,
    Double gibS,
    Double tflops,
    Double us,
    String source,
    String note) {

  MeasuredPointFile {
    Require.present(kind, "kind");
    Require.nonBlank(source, "source");
    if (transferBytes != null) {
      Require.positive(transferBytes, "transfer_bytes");
    }
    if (workMacs != null) {
      Require.positive(workMacs, "work_macs");
    }
    checkShape(m, "m");
    checkShape(n, "n");
    checkShape(k, "k");
    int given = (gbS == null ? 0 : 1) + (gibS == null ? 0 : 1) + (tflops == null ? 0 : 1) + (us == null ? 0 : 1);
    String expected = switch (kind.quantity()) {
      case BANDWIDTH -> "gb_s or gib_s";
      case COMPUTE -> "tflops";
      case LATENCY -> "us";
    };
    if (given != 1) {
      throw new IllegalArgumentException("kind: a " + kind + " point needs exactly one value field, "
          + expected + "; got " + given);
    }
    boolean fits = switch (kind.quantity()) {
      case BANDWIDTH -> gbS != null || gibS != null;
      case COMPUTE -> tflops != null;
      case LATENCY -> us != null;
    };
    if (!fits) {
      throw new IllegalArgumentException("kind: a " + kind + " point takes its value in " + expected);
    }
    double v = rawValue(gbS, gibS, tflops, us);
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(valueField(gbS, gibS, tflops) + ": expected a positive number, got " + v);
    }
  }

  private static void checkShape(Integer dim, String field) {
    if (dim != null) {
      Require.positive(dim, field);
    }
  }

  private static double rawValue(Double gbS, Double gibS, Double tflops, Double us) {
    if (gbS != null) {
      return gbS;
    }
    if (gibS != null) {
      return gibS;
    }
    return tflops != null ? tflops : us;
  }

  private static String valueField(Double gbS, Double gibS, Double tflops) {
    return gbS != null ? "gb_s" : gibS != null ? "gib_s" : tflops != null ? "tflops" : "us";
  }

  MeasuredPoint toPoint() {
    double base;
    if (gbS != null) {
      base = gbS * Units.GB;
    } else if (gibS != null) {
      base = gibS * Units.GIB;
    } else if (tflops != null) {
      base = tflops * Units.TERA;
    } else {
      base = us * Units.MICRO;
    }
    return new MeasuredPoint(kind, transferBytes, m, n, k, workMacs, dataType, base, source, note);
  }
}
