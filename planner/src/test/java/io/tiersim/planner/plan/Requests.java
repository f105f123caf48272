package io.tiersim.planner.plan;

import io.tiersim.model.io.InputException;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.planner.candidate.Candidate;
import io.tiersim.planner.pricing.PlanContext;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import java.nio.file.Path;
import java.util.List;

/** Plan requests for tests: the bundled plan file, narrowed or with other budgets. */
final class Requests {
  static final Path BUNDLED = TiersimHome.scenarios().resolve("plans/llama-3.1-70b-h100-128k.yaml");
  /** The same server and context within 0.5 % quality loss, where the per-layer mix matters. */
  static final Path STRICT_QUALITY = TiersimHome.scenarios().resolve("plans/llama-3.1-70b-h100-128k-strict-quality.yaml");

  private Requests() {}

  static PlanRequest bundled() {
    return PlanLoader.bundled().load(BUNDLED);
  }

  static PlanRequest strictQuality() {
    return PlanLoader.bundled().load(STRICT_QUALITY);
  }

  static PlanRequest with(PlanRequest r, List<Candidate> candidates, List<Integer> batches, PlanFile.BudgetsConfig budgets,
      SolverKind kind) {
    PlanContext c = r.context();
    PlanContext narrowed = new PlanContext(c.model(), c.system(), c.workload(), c.base(), candidates);
    return new PlanRequest(r.name(), narrowed, r.quality(), budgets, batches, r.objective(),
        new SolverOptions(kind, r.solver().timeLimitS(), r.solver().seed()), r.modelRef(), r.systemRef(),
        (field, problem) -> InputException.of(field, problem));
  }

  /** The bundled candidates that keep the KV on the GPU: nothing crosses the host link, so the space is separable. */
  static List<Candidate> gpuOnly(PlanRequest r) {
    return r.context().candidates().stream().filter(c -> c.kvCache().gpu() == 1).toList();
  }
}
