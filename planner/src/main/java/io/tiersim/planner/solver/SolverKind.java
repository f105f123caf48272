package io.tiersim.planner.solver;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which solver plans: the exact dynamic programme, OptaPlanner's local search, or {@code auto}: exact
 * when the problem is separable (no option can make the shared host link the bottleneck), and the
 * local search too when the exact plan sits far from its bound ({@link Solvers}); local search
 * otherwise; with the exact solver's bound either way.
 */
public enum SolverKind {
  @JsonProperty("exact") EXACT("exact"),
  @JsonProperty("local-search") LOCAL_SEARCH("local-search"),
  @JsonProperty("auto") AUTO("auto");

  private final String key;

  SolverKind(String key) {
    this.key = key;
  }

  public static SolverKind parse(String text) {
    for (SolverKind k : values()) {
      if (k.key.equals(text)) {
        return k;
      }
    }
    throw new IllegalArgumentException("solver: expected exact, local-search or auto, got '" + text + "'");
  }

  @Override
  public String toString() {
    return key;
  }
}
