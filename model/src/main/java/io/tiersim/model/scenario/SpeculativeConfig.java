package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;

/**
 * Self-speculative decoding over an offloaded cache (Sun et al., TriForce: Lossless Acceleration
 * of Long Sequence Generation with Hierarchical Speculative Decoding, COLM 2024,
 * arXiv:2404.11912): a draft strategy with a small cache on the GPU proposes {@code draft_tokens}
 * tokens one at a time, then the target strategy verifies them in one pass over its full cache.
 * With each drafted token accepted independently with probability {@code a}, a round emits
 * {@code (1 - a^(k+1)) / (1 - a)} tokens (Leviathan et al., ICML 2023).
 *
 * @param target the name of the scenario's strategy that verifies
 * @param draft the name of the scenario's strategy that drafts
 */
public record SpeculativeConfig(String target, String draft, Integer draftTokens, Double acceptanceRate) {
  public SpeculativeConfig {
    Require.nonBlank(target, "target");
    Require.nonBlank(draft, "draft");
    draftTokens = Require.inRange(Require.present(draftTokens, "draft_tokens"), 1, 64, "draft_tokens");
    acceptanceRate = Require.fraction(Require.present(acceptanceRate, "acceptance_rate"), "acceptance_rate");
    if (acceptanceRate >= 1) {
      throw new IllegalArgumentException("acceptance_rate: expected a fraction below 1, got " + acceptanceRate);
    }
  }

  /** Expected tokens emitted per draft-and-verify round. */
  public double tokensPerRound() {
    double a = acceptanceRate;
    return (1 - Math.pow(a, draftTokens + 1)) / (1 - a);
  }
}
