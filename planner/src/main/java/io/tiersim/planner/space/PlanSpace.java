package io.tiersim.planner.space;

import java.util.List;

/**
 * The whole problem as numbers: one option table per batch size on offer, the option names, the
 * budgets and the objective.
 */
public record PlanSpace(List<OptionTable> tables, List<String> optionNames, Budgets budgets, Objective objective) {
  public PlanSpace {
    tables = List.copyOf(tables);
    optionNames = List.copyOf(optionNames);
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("plan space: expected at least one batch size");
    }
    int layers = tables.get(0).layers();
    for (OptionTable t : tables) {
      if (t.layers() != layers || t.options() != optionNames.size()) {
        throw new IllegalArgumentException("plan space: every table needs " + layers + " layers x " + optionNames.size() + " options");
      }
    }
  }

  public int layers() {
    return tables.get(0).layers();
  }

  public int options() {
    return optionNames.size();
  }

  public OptionTable table(int batchIndex) {
    return tables.get(batchIndex);
  }

  /** Whether no option in any table can make the shared host link the bottleneck. */
  public boolean separable() {
    return tables.stream().allMatch(OptionTable::separable);
  }
}
