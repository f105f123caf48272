package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.StrategyConfig;
import java.util.List;

/**
 * One end-to-end run of the model: a strategy at a batch size and context, timed at prefill (the
 * whole prompt in one pass) or at decode (single-token steps after a cache filled to
 * {@code context_tokens}). {@code tiersim_workload} and {@code tiersim_strategy} say the same in
 * scenario syntax, so that tiersim can simulate the identical setting.
 */
public record EndToEndSetting(
    String id,
    SettingPhase phase,
    String strategy,
    SettingStatus status,
    String reason,
    Integer batchSize,
    Long promptTokens,
    Long contextTokens,
    Integer warmupSteps,
    Integer timedSteps,
    String attentionKernel,
    KvCacheSetup kvCache,
    Workload tiersimWorkload,
    StrategyConfig tiersimStrategy,
    TimingStats prefillS,
    TimingStats decodeStepS,
    MemoryCounters memory,
    Long hostToDeviceBytesPerStep,
    List<String> notes) {

  public EndToEndSetting {
    Require.nonBlank(id, "id");
    Require.present(phase, "phase");
    Require.nonBlank(strategy, "strategy");
    Require.present(status, "status");
    Require.positive(Require.present(batchSize, "batch_size").intValue(), "batch_size");
    Require.positive(Require.present(promptTokens, "prompt_tokens").longValue(), "prompt_tokens");
    Require.positive(Require.present(contextTokens, "context_tokens").longValue(), "context_tokens");
    Require.present(kvCache, "kv_cache");
    Require.present(tiersimWorkload, "tiersim_workload");
    Require.present(tiersimStrategy, "tiersim_strategy");
    notes = Checks.optionalEntries(notes, "notes");
    if (status != SettingStatus.OK && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("reason: a setting with status " + status.key() + " needs a reason");
    }
    // The components are not assigned yet inside a compact constructor: test the parameters.
    if (status == SettingStatus.OK && (phase == SettingPhase.PREFILL ? prefillS : decodeStepS) == null) {
      throw new IllegalArgumentException((phase == SettingPhase.PREFILL ? "prefill_s" : "decode_step_s")
          + ": an ok " + phase.key() + " setting needs its timing");
    }
  }

  /** The timing of the phase this setting measured, or null when it did not run. */
  public TimingStats timing() {
    return phase == SettingPhase.PREFILL ? prefillS : decodeStepS;
  }
}
