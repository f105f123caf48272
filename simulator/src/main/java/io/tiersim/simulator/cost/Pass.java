package io.tiersim.simulator.cost;

import io.tiersim.simulator.memory.Phase;

/**
 * One forward pass of one GPU batch through a layer: {@code queryTokens} new tokens per sequence
 * (a prefill chunk, or 1 when decoding) after {@code pastTokens} already cached ones.
 *
 * @param promptTokens the prompt length, which retention rules measure budgets against
 * @param pagedBlockTokens the KV allocation block (0: contiguous)
 * @param pinnedKv whether the host-resident cache is pinned (FlexGen's is not)
 */
public record Pass(Phase phase, long sequences, long queryTokens, long pastTokens, long promptTokens,
    int pagedBlockTokens, boolean pinnedKv) {

  public Pass {
    if (sequences <= 0 || queryTokens <= 0 || pastTokens < 0 || promptTokens <= 0) {
      throw new IllegalArgumentException("pass: expected positive sequences, query and prompt tokens, got "
          + sequences + ", " + queryTokens + ", " + promptTokens + " (past " + pastTokens + ")");
    }
  }

  /** A pass over a pinned host cache (or none). */
  public Pass(Phase phase, long sequences, long queryTokens, long pastTokens, long promptTokens, int pagedBlockTokens) {
    this(phase, sequences, queryTokens, pastTokens, promptTokens, pagedBlockTokens, true);
  }

  public static Pass decode(long sequences, long pastTokens, long promptTokens, int pagedBlockTokens) {
    return new Pass(Phase.DECODE, sequences, 1, pastTokens, promptTokens, pagedBlockTokens, true);
  }

  public static Pass decode(long sequences, long pastTokens, long promptTokens, int pagedBlockTokens, boolean pinnedKv) {
    return new Pass(Phase.DECODE, sequences, 1, pastTokens, promptTokens, pagedBlockTokens, pinnedKv);
  }

  /** Tokens whose keys this pass attends to: the cached ones and its own. */
  public long keysSeen() {
    return pastTokens + queryTokens;
  }

  /** Tokens processed: sequences times query tokens. */
  public double tokens() {
    return (double) sequences * queryTokens;
  }

  /** Whether this pass ends the prompt, when prompt compression (H2O, SnapKV) selects what to keep. */
  public boolean endsPrompt() {
    return phase == Phase.PREFILL && keysSeen() == promptTokens;
  }
}
