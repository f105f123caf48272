package io.tiersim.planner.plan;

import io.tiersim.planner.pricing.PlanContext;
import io.tiersim.planner.quality.QualityModel;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Objective;
import java.util.List;

/**
 * A loaded plan file, resolved: the context (model, system, workload, base strategy, candidates),
 * the quality model, the budgets as written, the batch sizes, objective and solver options, and the
 * ids to write back into the plan's scenario.
 */
public record PlanRequest(
    String name,
    PlanContext context,
    QualityModel quality,
    PlanFile.BudgetsConfig budgets,
    List<Integer> batchSizes,
    Objective objective,
    SolverOptions solver,
    String modelRef,
    String systemRef,
    BudgetErrors errors) {

  /** Turns a problem with a budget field into an error that names the plan file's line. */
  public interface BudgetErrors {
    io.tiersim.model.io.InputException at(String field, String problem);
  }

  public PlanRequest {
    batchSizes = List.copyOf(batchSizes);
  }

  public PlanRequest withSolver(SolverOptions options) {
    return new PlanRequest(name, context, quality, budgets, batchSizes, objective, options, modelRef, systemRef, errors);
  }
}
