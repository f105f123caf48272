package io.tiersim.simulator.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** What {@code tiersim serve --json} prints: the experiment as run and one result per strategy. */
@JsonPropertyOrder({"scenario", "results"})
public record ServeReport(Summary scenario, List<ServingResult> results) {

  /**
   * The serving experiment's identity, echoed so a result file stands alone.
   *
   * @param trace the trace file's name (not its path, so results read the same on every machine)
   */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @JsonPropertyOrder({"name", "model", "system", "gpu_count", "runtime", "arrival", "trace", "rate_per_s", "requests",
      "seed", "max_batch_tokens", "max_sequences", "preemption"})
  public record Summary(String name, String model, String system, int gpuCount, String runtime, String arrival,
      String trace, double ratePerS, int requests, long seed, int maxBatchTokens, int maxSequences, String preemption) {}
}
