package io.tiersim.planner.local;

import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.PlanSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import java.util.List;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import org.optaplanner.core.config.constructionheuristic.placer.QueuedEntityPlacerConfig;
import org.optaplanner.core.config.heuristic.selector.entity.EntitySelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * OptaPlanner's local search on the general problem. It starts from its own construction heuristic
 * (never from the exact answer) and stops after a fixed number of score calculations derived from
 * the time limit, so a seed and a limit always give the same plan; the exact solver supplies the
 * bound the plan is measured against.
 */
public final class LocalSearchSolver implements PlanSolver {
  /**
   * Score calculations per second of limit: about what Bavet reaches on these problems on one core
   * of the project's 2-core machines (100 to 300 thousand), so the limit reads roughly as seconds
   * while the work, and so the plan, stays fixed.
   */
  public static final double SCORE_CALCULATIONS_PER_S = 100_000;
  /** Late acceptance's memory, in steps. */
  static final int LATE_ACCEPTANCE_SIZE = 50;

  @Override
  public SolveResult solve(PlanSpace space, SolverOptions options) {
    ScaledSpace scaled = new ScaledSpace(space);
    Solver<PlanSolution> solver = SolverFactory.<PlanSolution>create(config(options)).buildSolver();
    PlanSolution best = solver.solve(new PlanSolution(scaled));
    int[] chosen = best.layers.stream().mapToInt(l -> l.option).toArray();
    Assignment a = new Assignment(best.batch.batchIndex, chosen);
    PlanMetrics m = PlanEvaluator.evaluate(space, a);
    double bound = ExactSolver.bound(space, m.feasible() ? m.value(space.objective()) : Double.NEGATIVE_INFINITY);
    if (!m.feasible()) {
      ExactSolver.Diagnosis d = ExactSolver.diagnose(space);
      return new SolveResult("local-search", null, null, bound, d.shortfalls(), d.batchSize());
    }
    return new SolveResult("local-search", a, m, Math.max(bound, m.value(space.objective())), List.of(), 0);
  }

  static SolverConfig config(SolverOptions options) {
    long work = Math.max(1000, Math.round(options.timeLimitS() * SCORE_CALCULATIONS_PER_S));
    // Wall time only as a safety stop well beyond the limit; the work limit ends every normal run.
    long safetyMs = Math.round(Math.max(30, 10 * options.timeLimitS()) * 1000);
    TerminationConfig termination = new TerminationConfig()
        .withTerminationConfigList(List.of(
            new TerminationConfig().withScoreCalculationCountLimit(work),
            new TerminationConfig().withMillisecondsSpentLimit(safetyMs)));
    return new SolverConfig()
        .withSolutionClass(PlanSolution.class)
        .withEntityClasses(BatchSlot.class, LayerSlot.class)
        .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
        .withRandomSeed(options.seed())
        .withScoreDirectorFactory(new ScoreDirectorFactoryConfig().withConstraintProviderClass(PlanConstraints.class))
        .withTerminationConfig(termination)
        .withPhases(construct(BatchSlot.class), construct(LayerSlot.class), localSearch());
  }

  /** First fit on one entity class: the batch slot first (smallest batch wins on an empty plan), then the layers. */
  private static ConstructionHeuristicPhaseConfig construct(Class<?> entity) {
    String id = "placed-" + entity.getSimpleName();
    QueuedEntityPlacerConfig placer = new QueuedEntityPlacerConfig()
        .withEntitySelectorConfig(new EntitySelectorConfig(entity).withId(id))
        .withMoveSelectorConfigs(new ChangeMoveSelectorConfig()
            .withEntitySelectorConfig(new EntitySelectorConfig().withMimicSelectorRef(id)));
    return new ConstructionHeuristicPhaseConfig().withEntityPlacerConfig(placer);
  }

  private static LocalSearchPhaseConfig localSearch() {
    MoveSelectorConfig<?> changeLayer = new ChangeMoveSelectorConfig()
        .withEntitySelectorConfig(new EntitySelectorConfig(LayerSlot.class));
    MoveSelectorConfig<?> changeBatch = new ChangeMoveSelectorConfig()
        .withEntitySelectorConfig(new EntitySelectorConfig(BatchSlot.class));
    MoveSelectorConfig<?> swap = new SwapMoveSelectorConfig()
        .withEntitySelectorConfig(new EntitySelectorConfig(LayerSlot.class));
    MoveSelectorConfig<?> trade = new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(TradeMoveFactory.class);
    return new LocalSearchPhaseConfig()
        .withMoveSelectorConfig(new UnionMoveSelectorConfig(List.of(changeLayer, changeBatch, swap, trade)))
        .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(LATE_ACCEPTANCE_SIZE))
        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1));
  }
}
