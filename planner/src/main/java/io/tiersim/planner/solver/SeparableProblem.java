package io.tiersim.planner.solver;

/**
 * A multiple-choice knapsack over layers: pick one option per layer to minimise the sum of {@code
 * objective[layer][option]} while each constraint's sum of {@code use[k][layer][option]} stays
 * within {@code capacity[k]}. Options with {@code allowed[option] == false} are not offered.
 */
public record SeparableProblem(double[][] objective, double[][][] use, double[] capacity, boolean[] allowed) {
  public SeparableProblem {
    if (use.length != capacity.length) {
      throw new IllegalArgumentException("one capacity per constraint");
    }
  }

  public int layers() {
    return objective.length;
  }

  public int options() {
    return objective[0].length;
  }

  public int constraints() {
    return capacity.length;
  }

  /** The same problem minimising another linear function. */
  public SeparableProblem withObjective(double[][] other) {
    return new SeparableProblem(other, use, capacity, allowed);
  }

  /** The same problem without constraint {@code k}. */
  public SeparableProblem without(int k) {
    double[][][] u = new double[use.length - 1][][];
    double[] c = new double[capacity.length - 1];
    for (int i = 0, j = 0; i < use.length; i++) {
      if (i != k) {
        u[j] = use[i];
        c[j++] = capacity[i];
      }
    }
    return new SeparableProblem(objective, u, c, allowed);
  }
}
