package io.tiersim.simulator.sweep;

import io.tiersim.model.io.Require;
import java.util.HashSet;
import java.util.List;

/**
 * The workload axes of a sweep, each a list of values; the grid is their product. Contexts are
 * given as {@code context_tokens} (prompt plus generated, what a user means by "a 128K context")
 * or as {@code prompt_tokens}, not both. Request rates and KV budgets are optional axes.
 *
 * @param requestRatePerS demand in requests per second, for the replicas and GPUs a point needs
 * @param kvBudgetTokens token budgets, applied to strategies that have one (SnapKV's retention
 *     budget, a sparse read budget, StreamingLLM's sinks plus window); others run once
 */
public record SweepAxes(
    List<Integer> batchSize,
    List<Integer> contextTokens,
    List<Integer> promptTokens,
    List<Integer> generateTokens,
    List<Double> requestRatePerS,
    List<Integer> kvBudgetTokens) {

  public SweepAxes {
    batchSize = positiveInts(Require.nonEmpty(batchSize, "batch_size"), "batch_size");
    if ((contextTokens == null) == (promptTokens == null)) {
      throw new IllegalArgumentException("context_tokens: give exactly one of context_tokens and prompt_tokens");
    }
    contextTokens = contextTokens == null ? null : positiveInts(Require.nonEmpty(contextTokens, "context_tokens"), "context_tokens");
    promptTokens = promptTokens == null ? null : positiveInts(Require.nonEmpty(promptTokens, "prompt_tokens"), "prompt_tokens");
    generateTokens = generateTokens == null ? List.of(1) : positiveInts(Require.nonEmpty(generateTokens, "generate_tokens"), "generate_tokens");
    if (requestRatePerS != null) {
      Require.nonEmpty(requestRatePerS, "request_rate_per_s");
      for (int i = 0; i < requestRatePerS.size(); i++) {
        Require.positive(Require.present(requestRatePerS.get(i), "request_rate_per_s[" + i + "]"), "request_rate_per_s[" + i + "]");
      }
      unique(requestRatePerS, "request_rate_per_s");
      requestRatePerS = List.copyOf(requestRatePerS);
    }
    kvBudgetTokens = kvBudgetTokens == null ? null : positiveInts(Require.nonEmpty(kvBudgetTokens, "kv_budget_tokens"), "kv_budget_tokens");
    if (contextTokens != null) {
      int minContext = contextTokens.stream().mapToInt(Integer::intValue).min().orElseThrow();
      int maxGenerate = generateTokens.stream().mapToInt(Integer::intValue).max().orElseThrow();
      if (minContext <= maxGenerate) {
        throw new IllegalArgumentException("context_tokens: every context must exceed every generate_tokens value "
            + "(the prompt is the context less the generated tokens), got context " + minContext + " and generate " + maxGenerate);
      }
    }
  }

  /** Prompt length of a context value and a generate value. */
  public int prompt(int lengthValue, int generate) {
    return contextTokens != null ? lengthValue - generate : lengthValue;
  }

  /** The length axis as given: contexts or prompts. */
  public List<Integer> lengths() {
    return contextTokens != null ? contextTokens : promptTokens;
  }

  private static List<Integer> positiveInts(List<Integer> values, String field) {
    for (int i = 0; i < values.size(); i++) {
      Require.positive(Require.present(values.get(i), field + "[" + i + "]"), field + "[" + i + "]");
    }
    unique(values, field);
    return List.copyOf(values);
  }

  private static void unique(List<?> values, String field) {
    HashSet<Object> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i))) {
        throw new IllegalArgumentException(field + "[" + i + "]: duplicate value " + values.get(i) + "; each value once");
      }
    }
  }
}
