package io.tiersim.model.llm;

/**
 * How token positions enter the model. {@code ROTARY} (RoPE) has no parameters; {@code LEARNED}
 * follows OPT's {@code OPTLearnedPositionalEmbedding}, a table of {@code max_position_embeddings + 2}
 * rows (the 2 extra rows are OPT's historical padding offset).
 */
public enum PositionEncoding {
  ROTARY(-1),
  LEARNED(2);

  private final int extraRows;

  PositionEncoding(int extraRows) {
    this.extraRows = extraRows;
  }

  /** Rows of the position table for a model with the given maximum positions; 0 for rotary. */
  public long tableRows(int maxPositionEmbeddings) {
    return extraRows < 0 ? 0 : (long) maxPositionEmbeddings + extraRows;
  }
}
