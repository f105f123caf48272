package io.tiersim.planner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.RandomSpaces;
import java.io.File;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** OptaPlanner runs on Bavet alone: no Drools jar on the classpath, and a solve still works. */
final class BavetOnlyClasspathTest {
  @Test
  void noDroolsJar_isOnTheClasspath() {
    String[] jars = System.getProperty("java.class.path").split(File.pathSeparator);
    assertThat(Arrays.stream(jars).filter(j -> j.contains("optaplanner-constraint-streams-bavet"))).isNotEmpty();
    assertThat(Arrays.stream(jars).filter(j -> j.contains("drools") || j.contains("/kie-") || j.contains("constraint-drl"))).isEmpty();
    assertThatThrownBy(() -> Class.forName("org.optaplanner.constraint.streams.drools.DroolsConstraintStreamScoreDirectorFactory"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aSolve_works_onBavet() {
    var r = new LocalSearchSolver().solve(RandomSpaces.separable(3, 8, 4), new SolverOptions(SolverKind.LOCAL_SEARCH, 0.2, 1));
    assertThat(r.feasible()).isTrue();
  }
}
