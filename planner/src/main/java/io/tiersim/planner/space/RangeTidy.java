package io.tiersim.planner.space;

/**
 * Makes a plan read in few layer ranges without changing anything it predicts: where two layers
 * could trade options and every sum (each resource, each time) and the set of options used stay
 * the same, they trade so that options come in index order. Layers of one architecture often cost
 * alike, so a solver's arbitrary choice of which layers get which of two equivalent options would
 * otherwise fragment the plan.
 */
public final class RangeTidy {
  private static final double EPS = 1e-12;

  private RangeTidy() {}

  public static Assignment tidy(PlanSpace space, Assignment a) {
    OptionTable t = space.table(a.batchIndex());
    int[] o = a.options();
    boolean changed = true;
    for (int pass = 0; changed && pass < o.length; pass++) {
      changed = false;
      for (int i = 0; i < o.length; i++) {
        for (int j = i + 1; j < o.length; j++) {
          if (o[i] > o[j] && interchangeable(t, i, j, o[i], o[j])) {
            int x = o[i];
            o[i] = o[j];
            o[j] = x;
            changed = true;
          }
        }
      }
    }
    return new Assignment(a.batchIndex(), o);
  }

  /** Whether layer i taking b and layer j taking a leaves every sum as layer i with a and j with b. */
  private static boolean interchangeable(OptionTable t, int i, int j, int a, int b) {
    if (!same(t.prefillS(i, a) + t.prefillS(j, b), t.prefillS(i, b) + t.prefillS(j, a))
        || !same(t.decodeS(i, a) + t.decodeS(j, b), t.decodeS(i, b) + t.decodeS(j, a))
        || !same(t.hostLinkS(i, a) + t.hostLinkS(j, b), t.hostLinkS(i, b) + t.hostLinkS(j, a))) {
      return false;
    }
    for (BudgetDimension r : BudgetDimension.values()) {
      if (!same(t.use(r, i, a) + t.use(r, j, b), t.use(r, i, b) + t.use(r, j, a))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(double x, double y) {
    return Math.abs(x - y) <= EPS * Math.max(1, Math.max(Math.abs(x), Math.abs(y)));
  }
}
