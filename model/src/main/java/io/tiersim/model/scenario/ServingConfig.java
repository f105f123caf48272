package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;

/**
 * A serving experiment, in a scenario's optional {@code serving:} block: how requests arrive,
 * how the server batches them, and the latency objectives it is held to. A scenario with this
 * block needs no {@code workload:}; {@code tiersim serve} runs it.
 */
public record ServingConfig(ArrivalConfig arrival, SchedulerConfig scheduler, SloConfig slo, RateSearchConfig search) {
  public ServingConfig {
    Require.present(arrival, "arrival");
    scheduler = scheduler == null ? SchedulerConfig.defaults() : scheduler;
  }

  public ServingConfig withArrival(ArrivalConfig a) {
    return new ServingConfig(a, scheduler, slo, search);
  }
}
