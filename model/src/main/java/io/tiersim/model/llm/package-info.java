/**
 * Decoder-only transformer architectures as tiersim sees them: an immutable {@link
 * io.tiersim.model.llm.ModelArchitecture} that counts its parameters exactly (matrices and vectors,
 * per layer, total and active per token) and the KV-cache elements each token stores per layer; a
 * {@link io.tiersim.model.llm.ModelCatalog} of bundled presets, each citing the Hugging Face
 * {@code config.json} or paper it follows; and a {@link io.tiersim.model.llm.HfConfigImporter} that
 * turns a Hugging Face {@code config.json} into an architecture, reporting bad input as an {@link
 * io.tiersim.model.io.InputException} naming the file, the line and the field.
 */
package io.tiersim.model.llm;
