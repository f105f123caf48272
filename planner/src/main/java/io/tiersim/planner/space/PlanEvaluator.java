package io.tiersim.planner.space;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The planner's one model of an assignment, shared by every solver and report: memory is the sum
 * of the layers' parts plus the largest no-layer part among the options used; decode takes the
 * GPU-side sum or the host link's sum, whichever is longer (the link is shared by all layers).
 */
public final class PlanEvaluator {
  /** Relative slack allowed on a budget, for the rounding of sums in different orders. */
  public static final double TOLERANCE = 1e-9;

  private PlanEvaluator() {}

  public static PlanMetrics evaluate(PlanSpace space, Assignment a) {
    OptionTable t = space.table(a.batchIndex());
    double prefill = t.remainder().prefillS();
    double decode = t.remainder().decodeS();
    double link = t.remainder().hostLinkS();
    Map<BudgetDimension, Double> use = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension r : BudgetDimension.values()) {
      double sum = 0;
      double overhead = 0;
      for (int l = 0; l < t.layers(); l++) {
        sum += t.use(r, l, a.option(l));
        overhead = Math.max(overhead, t.overhead(r, a.option(l)));
      }
      use.put(r, sum + overhead);
    }
    for (int l = 0; l < t.layers(); l++) {
      prefill += t.prefillS(l, a.option(l));
      decode += t.decodeS(l, a.option(l));
      link += t.hostLinkS(l, a.option(l));
    }
    decode = Math.max(decode, link);
    List<PlanMetrics.Violation> violations = new ArrayList<>();
    Budgets b = space.budgets();
    for (BudgetDimension r : BudgetDimension.values()) {
      if (exceeds(use.get(r), b.of(r))) {
        violations.add(new PlanMetrics.Violation(r.budgetField(), use.get(r), b.of(r)));
      }
    }
    if (exceeds(prefill, b.ttftLimitS())) {
      violations.add(new PlanMetrics.Violation("budgets.ttft_ms", prefill, b.ttftLimitS()));
    }
    double tpot = t.generateTokens() == 0 ? 0 : decode / t.generateTokens();
    if (exceeds(tpot, b.tpotLimitS())) {
      violations.add(new PlanMetrics.Violation("budgets.tpot_ms", tpot, b.tpotLimitS()));
    }
    return new PlanMetrics(t.batchSize(), t.generateTokens(), prefill, decode, use, violations);
  }

  public static boolean exceeds(double used, double limit) {
    return used > limit + TOLERANCE * Math.max(1, Math.abs(limit));
  }
}
