package io.tiersim.planner.space;

import java.util.Arrays;

/** A decision: the batch size (by index into the plan space's tables) and one option per layer. */
public record Assignment(int batchIndex, int[] options) {
  public Assignment {
    options = options.clone();
  }

  public int option(int layer) {
    return options[layer];
  }

  @Override
  public int[] options() {
    return options.clone();
  }

  public static Assignment uniform(int batchIndex, int layers, int option) {
    int[] o = new int[layers];
    Arrays.fill(o, option);
    return new Assignment(batchIndex, o);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Assignment a && a.batchIndex == batchIndex && Arrays.equals(a.options, options);
  }

  @Override
  public int hashCode() {
    return 31 * batchIndex + Arrays.hashCode(options);
  }

  @Override
  public String toString() {
    return "Assignment[batch#" + batchIndex + ", " + Arrays.toString(options) + "]";
  }
}
