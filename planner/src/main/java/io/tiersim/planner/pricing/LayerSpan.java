package io.tiersim.planner.pricing;

import java.util.ArrayList;
import java.util.List;

/** A run of consecutive layers with the same option: how a plan is written and printed. */
public record LayerSpan(int first, int last, int option) {

  public static List<LayerSpan> of(int[] options) {
    List<LayerSpan> spans = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= options.length; i++) {
      if (i == options.length || options[i] != options[start]) {
        spans.add(new LayerSpan(start, i - 1, options[start]));
        start = i;
      }
    }
    return spans;
  }

  public String range() {
    return first == last ? Integer.toString(first) : first + "-" + last;
  }
}
