package io.tiersim.planner.pricing;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.LayerRange;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.planner.candidate.Candidate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan is made in: the model on the system, the workload, the base strategy (whole-run knobs
 * only) and the candidates; turns an assignment of candidates to layers into a strategy.
 */
public record PlanContext(
    ModelArchitecture model, SystemProfile system, Workload workload, StrategyConfig base, List<Candidate> candidates) {

  public PlanContext {
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("candidates: expected at least one option");
    }
  }

  /** The strategy that gives layers {@code options[i]}, with consecutive equal options merged into ranges. */
  public StrategyConfig strategyConfig(String name, int[] options) {
    List<io.tiersim.model.strategy.LayerOverride> layers = new ArrayList<>();
    for (LayerSpan span : LayerSpan.of(options)) {
      layers.add(candidates.get(span.option()).over(new LayerRange(span.first(), span.last())));
    }
    StrategyConfig b = base;
    return new StrategyConfig(name, null, null, b.description(), null, null, null, null, null, null, b.offload(),
        b.pagedBlockTokens(), layers);
  }

  public Strategy strategy(String name, int[] options) {
    return StrategyResolver.resolve(strategyConfig(name, options), model);
  }

  /** Every layer with one option. */
  public Strategy uniform(int option) {
    int[] all = new int[model.numLayers()];
    java.util.Arrays.fill(all, option);
    return strategy(candidates.get(option).name(), all);
  }
}
