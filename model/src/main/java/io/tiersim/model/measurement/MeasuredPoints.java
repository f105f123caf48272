package io.tiersim.model.measurement;

import io.tiersim.model.DataType;
import io.tiersim.model.hardware.MeasuredPoint;
import io.tiersim.model.hardware.MeasurementKind;
import io.tiersim.model.io.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a measurement file's series into a hardware profile's measured points: the median of each
 * point in its series' unit, the size the rate refers to, and a source that cites the file and the
 * point. A point whose shape lacks what its kind needs is an error naming the point.
 */
public final class MeasuredPoints {
  private MeasuredPoints() {}

  /**
   * One converted point.
   *
   * @param value the median in {@code unit}, as it will be written to the profile
   * @param path where it came from, e.g. {@code microbenchmarks[3].points[2]}
   */
  public record Converted(MeasuredPoint point, MeasurementUnit unit, double value, String path) {}

  /** Every point of every series that ran, in file order; {@code citation} names the file. */
  public static List<Converted> from(Document<MeasurementFile> doc, String citation) {
    List<Converted> out = new ArrayList<>();
    List<MicrobenchmarkSeries> all = doc.value().microbenchmarks();
    for (int i = 0; i < all.size(); i++) {
      MicrobenchmarkSeries s = all.get(i);
      if (!s.status().hasPoints()) {
        continue;
      }
      String seriesPath = "microbenchmarks[" + i + "]";
      if (s.kind() == MeasurementKind.GEMM && s.dtype() == null) {
        throw doc.error(seriesPath + ".dtype", "a gemm series needs its operand type (bf16, fp16, fp8, int8)");
      }
      for (int j = 0; j < s.points().size(); j++) {
        String path = seriesPath + ".points[" + j + "]";
        out.add(convert(doc, s, s.points().get(j), path, citation));
      }
    }
    return out;
  }

  /** The shape dimension that holds a kind's size: the bytes its rate counts, per transfer. */
  static String sizeKey(MeasurementKind kind) {
    return switch (kind) {
      case KV_GATHER -> "chunk_bytes";
      case SSD_READ, SSD_RANDOM_READ -> "request_bytes";
      default -> "bytes";
    };
  }

  private static Converted convert(Document<MeasurementFile> doc, MicrobenchmarkSeries s, SeriesPoint p, String path,
      String citation) {
    Long size = null;
    Integer m = null;
    Integer n = null;
    Integer k = null;
    Long workMacs = null;
    if (s.kind() == MeasurementKind.GEMM) {
      m = dimension(doc, p, path, "m");
      n = dimension(doc, p, path, "n");
      k = dimension(doc, p, path, "k");
    } else if (s.kind() == MeasurementKind.PREFILL_ATTENTION) {
      workMacs = causalAttentionMacs(doc, p, path);
    } else if (s.kind().quantity() == MeasurementKind.Quantity.BANDWIDTH) {
      size = p.dimension(sizeKey(s.kind()));
      if (size == null) {
        throw doc.error(path + ".shape", "a " + s.kind() + " point needs '" + sizeKey(s.kind())
            + "' in its shape (the bytes its rate counts)");
      }
    }
    DataType type = s.dtype();
    String source = citation + ": " + path + " (" + s.id() + ")";
    MeasuredPoint point = new MeasuredPoint(s.kind(), size, m, n, k, workMacs, type, s.unit().toBase(p.median()), source,
        note(s, p));
    return new Converted(point, s.unit(), p.median(), path);
  }

  /**
   * Multiply-accumulates of one causal prefill attention call: the causal half of QK^T and PV,
   * {@code batch x q_heads x tokens^2 x head_dim}, the work the point's FLOP rate counts (2 FLOP each).
   */
  private static long causalAttentionMacs(Document<MeasurementFile> doc, SeriesPoint p, String path) {
    double macs = 1;
    for (String name : List.of("batch", "q_heads", "tokens", "tokens", "head_dim")) {
      Long v = p.dimension(name);
      if (v == null || v <= 0) {
        throw doc.error(path + ".shape" + (v == null ? "" : "." + name),
            "a prefill_attention point needs positive batch, q_heads, tokens and head_dim in its shape");
      }
      macs *= v;
    }
    if (macs > Long.MAX_VALUE) {
      throw doc.error(path + ".shape", "a prefill_attention point's work overflows: " + macs + " multiply-accumulates");
    }
    return (long) macs;
  }

  private static Integer dimension(Document<MeasurementFile> doc, SeriesPoint p, String path, String name) {
    Long v = p.dimension(name);
    if (v == null || v > Integer.MAX_VALUE) {
      throw doc.error(path + ".shape" + (v == null ? "" : "." + name),
          "a gemm point needs m, n and k in its shape, each at most " + Integer.MAX_VALUE);
    }
    return v.intValue();
  }

  /** The spread and the full shape, so the profile keeps what the median alone loses. */
  private static String note(MicrobenchmarkSeries s, SeriesPoint p) {
    String shape = p.shape().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
    return String.format(Locale.ROOT, "median of %d, p10 %s, p90 %s %s; %s%s", p.samples(), compact(p.p10()),
        compact(p.p90()), s.unit(), shape, s.kernel() == null ? "" : "; kernel " + s.kernel());
  }

  private static String compact(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
