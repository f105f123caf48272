package io.tiersim.simulator.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.engine.TimingInterval;
import java.util.List;

/**
 * The outcome of one strategy in a scenario. Field names are a stable contract for scripts
 * ({@code tiersim simulate --json}); later engines add fields, never rename them.
 *
 * @param maxBatchSize largest batch with the workload's lengths that fits (0: none)
 * @param maxPromptTokens longest prompt with the workload's batch and generated tokens that fits
 * @param maxPromptLimitedBy {@code memory}, or {@code model_positions} when the model's context
 *     window, not memory, stops a longer prompt
 * @param timing the analytic engine's times, throughputs and bottlenecks, written as top-level
 *     fields ({@code prefill_s} ... {@code bottleneck}); computed as if memory sufficed, so a
 *     strategy that does not fit still says how fast it would be
 * @param timingInterval the range of the main timing figures over the fitted curves' confidence
 *     intervals
 */
@JsonPropertyOrder({"strategy", "preset", "citation", "fits", "peak_memory_bytes", "kv_cache_bytes", "weights_bytes",
    "gpu_peak_phase", "overflows", "max_batch_size", "max_prompt_tokens", "max_prompt_limited_by", "timing", "timing_interval", "memory"})
public record StrategyResult(
    String strategy,
    String preset,
    String citation,
    boolean fits,
    TierBytes<Long> peakMemoryBytes,
    long kvCacheBytes,
    long weightsBytes,
    String gpuPeakPhase,
    List<OverflowResult> overflows,
    long maxBatchSize,
    long maxPromptTokens,
    String maxPromptLimitedBy,
    @JsonUnwrapped Timing timing,
    TimingInterval timingInterval,
    PhaseBreakdown memory) {}
