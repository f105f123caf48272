/**
 * The quality-loss proxy: a per-method whole-model loss from the papers ({@link
 * io.tiersim.model.quality.MethodLosses}, in the model module, each value cited) spread over the
 * layers by a sensitivity profile ({@link io.tiersim.planner.quality.SensitivityProfile}), supplied by the user,
 * measured from KV tensors ({@link io.tiersim.planner.tensors.KvErrorMeter}) or a documented default
 * shape. Methods combine additively, an assumption of ours that holds for small losses.
 */
package io.tiersim.planner.quality;
