package io.tiersim.model.llm;

/**
 * The shape of a transformer's feed-forward block. {@code GATED} is SwiGLU/GeGLU (gate, up and
 * down matrices, as in Llama); {@code PLAIN} is two matrices around an activation (OPT's ReLU MLP).
 */
public enum FfnKind {
  GATED(3),
  PLAIN(2);

  private final int matrices;

  FfnKind(int matrices) {
    this.matrices = matrices;
  }

  /** How many {@code hidden x intermediate} matrices one MLP of this kind holds. */
  public int matrices() {
    return matrices;
  }
}
