/**
 * Measuring a model's own sensitivity from its KV tensors: readers for {@code .npy} and {@code
 * .safetensors} files ({@link io.tiersim.planner.tensors.KvTensorFiles}), the quantisers and token
 * retention rules of the presets as reference implementations ({@link
 * io.tiersim.planner.tensors.KvQuantizer}, {@link io.tiersim.planner.tensors.TokenSelector}), and the
 * per-layer relative reconstruction error of each ({@link io.tiersim.planner.tensors.KvErrorMeter}).
 */
package io.tiersim.planner.tensors;
