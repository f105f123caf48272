package io.tiersim.planner.space;

import io.tiersim.planner.cost.RunCost;

/**
 * Everything the solvers need to know about the options at one batch size, as plain arrays indexed
 * {@code [layer][option]}: seconds of prefill, GPU-side decode and host-link decode; per resource
 * the layer's use; and per resource and option the part of memory that belongs to no layer when
 * that option is the largest in use (activations, streaming buffers), so a plan's memory is the sum
 * over layers plus the largest of these over the options it uses.
 */
public final class OptionTable {
  private final int batchSize;
  private final int generateTokens;
  private final double[][] prefillS;
  private final double[][] decodeS;
  private final double[][] hostLinkS;
  private final double[][][] use;
  private final double[][] overhead;
  private final RunCost remainder;

  /**
   * @param use {@code [resource ordinal][layer][option]}
   * @param overhead {@code [resource ordinal][option]}
   */
  public OptionTable(int batchSize, int generateTokens, double[][] prefillS, double[][] decodeS, double[][] hostLinkS,
      double[][][] use, double[][] overhead, RunCost remainder) {
    if (use.length != BudgetDimension.values().length || overhead.length != BudgetDimension.values().length) {
      throw new IllegalArgumentException("option table: expected one row per resource");
    }
    this.batchSize = batchSize;
    this.generateTokens = generateTokens;
    this.prefillS = prefillS;
    this.decodeS = decodeS;
    this.hostLinkS = hostLinkS;
    this.use = use;
    this.overhead = overhead;
    this.remainder = remainder;
  }

  public int batchSize() {
    return batchSize;
  }

  public int generateTokens() {
    return generateTokens;
  }

  public int layers() {
    return prefillS.length;
  }

  public int options() {
    return prefillS[0].length;
  }

  public double prefillS(int layer, int option) {
    return prefillS[layer][option];
  }

  public double decodeS(int layer, int option) {
    return decodeS[layer][option];
  }

  public double hostLinkS(int layer, int option) {
    return hostLinkS[layer][option];
  }

  public double use(BudgetDimension r, int layer, int option) {
    return use[r.ordinal()][layer][option];
  }

  public double overhead(BudgetDimension r, int option) {
    return overhead[r.ordinal()][option];
  }

  public RunCost remainder() {
    return remainder;
  }

  /** Whether every option's host-link time hides under its own GPU time, so decode time is a plain sum. */
  public boolean separable() {
    if (remainder.hostLinkS() > remainder.decodeS()) {
      return false;
    }
    for (int l = 0; l < layers(); l++) {
      for (int o = 0; o < options(); o++) {
        if (hostLinkS[l][o] > 0) {
          return false;
        }
      }
    }
    return true;
  }
}
