package io.tiersim.model.llm;

/**
 * The normalisation layers of a transformer: {@code LAYER_NORM} has a weight and a bias vector (OPT),
 * {@code RMS_NORM} a weight vector only (Llama, Mistral, Qwen2, GLM-4, DeepSeek).
 */
public enum NormKind {
  LAYER_NORM(2),
  RMS_NORM(1);

  private final int vectors;

  NormKind(int vectors) {
    this.vectors = vectors;
  }

  /** Parameters of one norm over {@code width} features. */
  public long parameters(long width) {
    return vectors * width;
  }
}
