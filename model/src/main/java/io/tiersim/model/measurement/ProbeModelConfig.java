package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;

/**
 * The decoder the end-to-end runs built from its config with random weights (no checkpoint):
 * the shapes tiersim needs to pick or import the same architecture ({@code tiersim_model} names
 * the bundled one).
 */
public record ProbeModelConfig(
    String name,
    String tiersimModel,
    Integer numLayers,
    Integer hiddenSize,
    Integer numAttentionHeads,
    Integer numKeyValueHeads,
    Integer headDim,
    Integer intermediateSize,
    Integer vocabSize,
    Double ropeTheta,
    Double rmsNormEps,
    Boolean tieWordEmbeddings,
    String norm,
    String activation,
    Long parameterCount) {

  public ProbeModelConfig {
    Require.nonBlank(name, "name");
    Require.nonBlank(tiersimModel, "tiersim_model");
    Require.positive(Require.present(numLayers, "num_layers").intValue(), "num_layers");
    Require.positive(Require.present(hiddenSize, "hidden_size").intValue(), "hidden_size");
    Require.positive(Require.present(numAttentionHeads, "num_attention_heads").intValue(), "num_attention_heads");
    Require.positive(Require.present(numKeyValueHeads, "num_key_value_heads").intValue(), "num_key_value_heads");
    Require.positive(Require.present(headDim, "head_dim").intValue(), "head_dim");
    Require.positive(Require.present(intermediateSize, "intermediate_size").intValue(), "intermediate_size");
    Require.positive(Require.present(vocabSize, "vocab_size").intValue(), "vocab_size");
    Require.present(tieWordEmbeddings, "tie_word_embeddings");
    Require.positive(Require.present(parameterCount, "parameter_count").longValue(), "parameter_count");
  }
}
