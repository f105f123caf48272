package io.tiersim.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns: text left, numbers right. */
final class TextTable {
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... headers) {
    this.headers = List.of(headers);
  }

  TextTable row(Object... cells) {
    List<String> r = new ArrayList<>();
    for (Object c : cells) {
      r.add(c == null ? "" : c.toString());
    }
    rows.add(r);
    return this;
  }

  String render() {
    int[] width = new int[headers.size()];
    boolean[] numeric = new boolean[headers.size()];
    java.util.Arrays.fill(numeric, true);
    for (int i = 0; i < headers.size(); i++) {
      width[i] = headers.get(i).length();
    }
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        width[i] = Math.max(width[i], r.get(i).length());
        numeric[i] &= r.get(i).isEmpty() || r.get(i).matches("[-+0-9.,%x×*]+( [A-Za-z]+)?");
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, width, new boolean[headers.size()]);
    for (int i = 0; i < width.length; i++) {
      sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
    }
    sb.append(System.lineSeparator());
    for (List<String> r : rows) {
      line(sb, r, width, numeric);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String c = i < cells.size() ? cells.get(i) : "";
      String pad = " ".repeat(width[i] - c.length());
      l.append(i == 0 ? "" : "  ").append(right[i] ? pad + c : c + pad);
    }
    sb.append(l.toString().stripTrailing()).append(System.lineSeparator());
  }
}
