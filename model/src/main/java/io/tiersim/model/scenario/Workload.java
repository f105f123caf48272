package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;

/**
 * A batch generation job: {@code batch_size} sequences, each with {@code prompt_tokens} of prompt
 * and {@code generate_tokens} generated (FlexGen's and H2O's benchmark shape). {@code
 * prefill_chunk_tokens}, when set, prefills each prompt in chunks of that many tokens (chunked
 * prefill, as vLLM and DuoAttention run long prompts); absent, the whole prompt is one pass.
 */
public record Workload(Integer batchSize, Integer promptTokens, Integer generateTokens, Integer prefillChunkTokens) {
  public Workload {
    Require.positive(Require.present(batchSize, "batch_size"), "batch_size");
    Require.positive(Require.present(promptTokens, "prompt_tokens"), "prompt_tokens");
    Require.nonNegative(Require.present(generateTokens, "generate_tokens"), "generate_tokens");
    if (prefillChunkTokens != null) {
      Require.positive(prefillChunkTokens, "prefill_chunk_tokens");
    }
  }

  public static Workload of(int batchSize, int promptTokens, int generateTokens) {
    return new Workload(batchSize, promptTokens, generateTokens, null);
  }

  /** New tokens per sequence in one prefill pass. */
  public long prefillPassTokens() {
    return prefillChunkTokens == null ? promptTokens : Math.min(promptTokens, prefillChunkTokens);
  }

  /** Tokens in each sequence's context after the last generated token. */
  public long contextTokens() {
    return (long) promptTokens + generateTokens;
  }

  /**
   * Tokens whose KV is ever stored per sequence: the prompt and every generated token but the
   * last, which is emitted and never fed back.
   */
  public long kvTokens() {
    return (long) promptTokens + Math.max(0, generateTokens - 1);
  }

  public Workload withBatchSize(int batch) {
    return new Workload(batch, promptTokens, generateTokens, prefillChunkTokens);
  }

  public Workload withPromptTokens(int prompt) {
    return new Workload(batchSize, prompt, generateTokens, prefillChunkTokens);
  }
}
