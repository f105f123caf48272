package io.tiersim.planner.local;

import io.tiersim.planner.solver.ExactSolver;
import io.tiersim.planner.solver.PlanSolver;
import io.tiersim.planner.solver.SolveResult;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Assignment;
import io.tiersim.planner.space.PlanEvaluator;
import io.tiersim.planner.space.PlanMetrics;
import io.tiersim.planner.space.PlanSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.heuristic.selector.entity.EntitySelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.MoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.factory.MoveIteratorFactoryConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import org.optaplanner.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import org.optaplanner.core.config.localsearch.LocalSearchPhaseConfig;
import org.optaplanner.core.config.localsearch.decider.acceptor.LocalSearchAcceptorConfig;
import org.optaplanner.core.config.localsearch.decider.forager.LocalSearchForagerConfig;
import org.optaplanner.core.config.phase.custom.CustomPhaseConfig;
import org.optaplanner.core.config.score.director.ScoreDirectorFactoryConfig;
import org.optaplanner.core.config.solver.EnvironmentMode;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * OptaPlanner's local search on the general problem. The batch size is not a planning variable:
 * every layer's costs and memory depend on it, so a plan tuned at one batch size is far from feasible
 * at the next, and no single move crosses between them (a search that could change it stalled at the
 * batch size its construction picked, 5 % below the optimum). Instead each batch size gets its own
 * search, each starting from its own construction heuristic (never from the exact answer), and the
 * work is shared by successive halving: every batch size gets a short search, the better half goes
 * on with more work from where it stood, and so on until one remains, which gets the last share.
 * Each search stops after a fixed number of score calculations derived from the time limit, so a
 * seed and a limit always give the same plan; the exact solver supplies the bound the plan is
 * measured against.
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
  /**
   * How often a refit move is drawn against each of the other kinds (change, swap, trade, each 1):
   * a draw costs tens of score calculations' time, and a few per hundred steps are enough to walk
   * chains that single changes and trades cannot.
   */
  static final double REFIT_WEIGHT = 0.1;
  /** Score calculations of a search, at least (its construction heuristic always completes). */
  static final long MIN_WORK = 1000;

  @Override
  public SolveResult solve(PlanSpace space, SolverOptions options) {
    return solve(space, options, Double.NaN);
  }

  /**
   * As {@link #solve(PlanSpace, SolverOptions)}, measured against {@code knownBound} when the caller
   * already has the exact solver's bound (NaN: compute it), so {@code auto} does not compute it twice.
   */
  public SolveResult solve(PlanSpace space, SolverOptions options, double knownBound) {
    ScaledSpace scaled = new ScaledSpace(space);
    PlanSolution best = search(scaled, options);
    int[] chosen = best.layers.stream().mapToInt(l -> l.option == null ? 0 : l.option).toArray();
    Assignment a = new Assignment(best.batch.index(), chosen);
    PlanMetrics m = PlanEvaluator.evaluate(space, a);
    double bound = !Double.isNaN(knownBound) ? knownBound
        : ExactSolver.bound(space, m.feasible() ? m.value(space.objective()) : Double.NEGATIVE_INFINITY);
    if (!m.feasible()) {
      ExactSolver.Diagnosis d = ExactSolver.diagnose(space);
      return new SolveResult("local-search", null, null, bound, d.shortfalls(), d.batchSize());
    }
    return new SolveResult("local-search", a, m, Math.max(bound, m.value(space.objective())), List.of(), 0);
  }

  /** One search per batch size, the work shared by successive halving; the best plan of the last one standing. */
  static PlanSolution search(ScaledSpace space, SolverOptions options) {
    long work = Math.max(MIN_WORK, Math.round(options.timeLimitS() * SCORE_CALCULATIONS_PER_S));
    // Wall time only as a safety stop well beyond the limit; the work limits end every normal run.
    long deadline = System.currentTimeMillis() + Math.round(Math.max(30, 10 * options.timeLimitS()) * 1000);
    List<PlanSolution> alive = new ArrayList<>();
    for (int b = 0; b < space.batchSizes.length; b++) {
      alive.add(new PlanSolution(space, b));
    }
    long perRound = work / rounds(alive.size());
    for (int round = 0; ; round++) {
      long each = Math.max(MIN_WORK, perRound / alive.size());
      List<PlanSolution> next = new ArrayList<>();
      for (PlanSolution s : alive) {
        long seed = options.seed() + 1_000_003L * round + 7_919L * s.batch.index();
        long safetyMs = Math.max(1, deadline - System.currentTimeMillis());
        next.add(SolverFactory.<PlanSolution>create(config(each, seed, safetyMs)).buildSolver().solve(s));
      }
      if (next.size() == 1) {
        return next.get(0);
      }
      // The better half goes on; a stable sort keeps ties in batch order.
      next.sort(Comparator.comparing(LocalSearchSolver::score).reversed());
      alive = next.subList(0, (next.size() + 1) / 2);
    }
  }

  /** Rounds of successive halving over {@code n} batch sizes: halving until one is left, then its own round. */
  static int rounds(int n) {
    int rounds = 1;
    for (int left = n; left > 1; left = (left + 1) / 2) {
      rounds++;
    }
    return rounds;
  }

  private static HardSoftLongScore score(PlanSolution s) {
    boolean complete = s.score != null && s.layers.stream().allMatch(l -> l.option != null);
    return complete ? s.score : HardSoftLongScore.of(Long.MIN_VALUE / 2, Long.MIN_VALUE / 2);
  }

  /** One search's configuration, for a limit of {@code options}' length (as the tests inspect it). */
  static SolverConfig config(SolverOptions options) {
    return config(Math.max(MIN_WORK, Math.round(options.timeLimitS() * SCORE_CALCULATIONS_PER_S)), options.seed(),
        Math.round(Math.max(30, 10 * options.timeLimitS()) * 1000));
  }

  /**
   * One search at a fixed batch size: the construction heuristic ({@link GreedyConstruction}, skipped
   * when the layers already have options), then late acceptance until the score director has made {@code work} score
   * calculations in all.
   */
  static SolverConfig config(long work, long seed, long safetyMs) {
    return new SolverConfig()
        .withSolutionClass(PlanSolution.class)
        .withEntityClasses(LayerSlot.class)
        .withEnvironmentMode(EnvironmentMode.REPRODUCIBLE)
        .withRandomSeed(seed)
        .withScoreDirectorFactory(new ScoreDirectorFactoryConfig().withConstraintProviderClass(PlanConstraints.class))
        .withTerminationConfig(new TerminationConfig().withMillisecondsSpentLimit(safetyMs))
        .withPhases(construct(), localSearch(work));
  }

  /** The greedy construction heuristic, which leaves a solution whose layers all have options as it is. */
  private static CustomPhaseConfig construct() {
    return new CustomPhaseConfig().withCustomPhaseCommandClassList(List.of(GreedyConstruction.class));
  }

  private static LocalSearchPhaseConfig localSearch(long work) {
    MoveSelectorConfig<?> changeLayer = new ChangeMoveSelectorConfig()
        .withEntitySelectorConfig(new EntitySelectorConfig(LayerSlot.class)).withFixedProbabilityWeight(1.0);
    MoveSelectorConfig<?> swap = new SwapMoveSelectorConfig()
        .withEntitySelectorConfig(new EntitySelectorConfig(LayerSlot.class)).withFixedProbabilityWeight(1.0);
    MoveSelectorConfig<?> trade = new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(TradeMoveFactory.class)
        .withFixedProbabilityWeight(1.0);
    MoveSelectorConfig<?> refit = new MoveIteratorFactoryConfig().withMoveIteratorFactoryClass(RefitMoveFactory.class)
        .withFixedProbabilityWeight(REFIT_WEIGHT);
    return new LocalSearchPhaseConfig()
        .withMoveSelectorConfig(new UnionMoveSelectorConfig(List.of(changeLayer, swap, trade, refit)))
        .withAcceptorConfig(new LocalSearchAcceptorConfig().withLateAcceptanceSize(LATE_ACCEPTANCE_SIZE))
        .withForagerConfig(new LocalSearchForagerConfig().withAcceptedCountLimit(1))
        // The count is the score director's, construction included, so a search does {@code work} in all.
        .withTerminationConfig(new TerminationConfig().withScoreCalculationCountLimit(work));
  }
}
