package io.tiersim.planner.space;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the planner's model predicts for an assignment: seconds, throughput, use of each resource,
 * and which budgets it breaks.
 *
 * @param decodeS decode seconds of the run: the GPU-side sum or the shared host link's sum, whichever
 *     is longer
 */
public record PlanMetrics(
    int batchSize,
    int generateTokens,
    double prefillS,
    double decodeS,
    Map<BudgetDimension, Double> use,
    List<Violation> violations) {

  public PlanMetrics {
    use = new EnumMap<>(use);
    violations = List.copyOf(violations);
  }

  /** A budget an assignment breaks, by how much. */
  public record Violation(String budget, double used, double limit) {}

  public boolean feasible() {
    return violations.isEmpty();
  }

  public double runS() {
    return prefillS + decodeS;
  }

  /** Generated tokens of the whole batch per second of the run (FlexGen's generation throughput). */
  public double throughputTokensPerS() {
    return (double) batchSize * generateTokens / runS();
  }

  public double tpotS() {
    return generateTokens == 0 ? 0 : decodeS / generateTokens;
  }

  public double ttftS() {
    return prefillS;
  }

  public double use(BudgetDimension r) {
    return use.get(r);
  }

  /** The value to maximise under {@code objective}. */
  public double value(Objective objective) {
    return objective == Objective.THROUGHPUT ? throughputTokensPerS() : -tpotS();
  }
}
