package io.tiersim.simulator.validation;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured quantity of one end-to-end setting, and what two profiles predict for it: the
 * spec-only profile the system ships with and the profile calibrated from the same file's
 * microbenchmarks (end-to-end settings are never used in fitting, so every row is held out).
 *
 * @param calibratedLow the calibrated prediction with every fitted parameter at its optimistic or
 *     pessimistic 95 % bound (for times; equal to the prediction for memory)
 */
@JsonPropertyOrder({"setting", "strategy", "batch_size", "context_tokens", "metric", "measured", "spec_predicted",
    "spec_error", "calibrated_predicted", "calibrated_error", "calibrated_low", "calibrated_high"})
public record MeasuredRow(
    String setting,
    String strategy,
    int batchSize,
    long contextTokens,
    String metric,
    double measured,
    double specPredicted,
    double specError,
    double calibratedPredicted,
    double calibratedError,
    double calibratedLow,
    double calibratedHigh) {

  public static final String DECODE_STEP_S = "decode_step_s";
  public static final String PREFILL_S = "prefill_s";
  public static final String PEAK_GPU_BYTES = "peak_gpu_bytes";

  public boolean isTime() {
    return !metric.equals(PEAK_GPU_BYTES);
  }
}
