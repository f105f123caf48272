package io.tiersim.model.llm;

import io.tiersim.model.io.Require;

/**
 * The mixture-of-experts feed-forward of a model, following the Hugging Face Mixtral and DeepSeek-V2
 * configs: {@code numExperts} routed experts of which {@code expertsPerToken} run per token, plus
 * {@code numSharedExperts} that always run, each an MLP of {@code expertIntermediateSize}; the first
 * {@code firstDenseLayers} layers (DeepSeek's {@code first_k_dense_replace}) use a dense MLP instead.
 */
public record MoeSpec(
    int numExperts,
    int expertsPerToken,
    int expertIntermediateSize,
    int numSharedExperts,
    int firstDenseLayers) {

  /** Upper bounds that keep every parameter count exact in 64 bits. */
  static final int MAX_EXPERTS = 1 << 10;
  static final int MAX_SHARED_EXPERTS = 64;
  static final int MAX_EXPERT_INTERMEDIATE = 1 << 20;

  public MoeSpec {
    Require.inRange(numExperts, 1, MAX_EXPERTS, "num_experts");
    Require.inRange(expertsPerToken, 1, numExperts, "experts_per_token");
    Require.inRange(expertIntermediateSize, 1, MAX_EXPERT_INTERMEDIATE, "expert_intermediate_size");
    Require.inRange(numSharedExperts, 0, MAX_SHARED_EXPERTS, "num_shared_experts");
    Require.nonNegative(firstDenseLayers, "first_dense_layers");
  }
}
