package io.tiersim.simulator.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tiersim.model.scenario.SloConfig;
import io.tiersim.simulator.result.TierBytes;
import java.util.List;

/**
 * The outcome of serving one strategy at one rate ({@code tiersim serve --json}). Latencies in
 * seconds: TTFT from arrival to the first token, TPOT the mean gap between later tokens of a
 * request, end-to-end from arrival to the last token. Goodput counts requests per second that
 * met every SLO.
 *
 * @param sustained false when the waiting queue kept growing while requests arrived: the rate is
 *     beyond what the server can serve, and latencies grow with the run's length
 * @param note why a run could not start (no room for KV), or null
 * @param maxRate the highest rate that meets the SLOs, when a search ran; else null
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"strategy", "rate_per_s", "requests", "completed", "rejected", "preemptions", "swap_outs",
    "duration_s", "requests_per_s", "output_tokens_per_s", "total_tokens_per_s", "ttft_s", "tpot_s", "e2e_s", "slo",
    "slo_attainment", "goodput_requests_per_s", "sustained", "sustainability", "kv_block_tokens", "kv_blocks",
    "swap_blocks", "iterations", "priced_compositions", "peak_memory_bytes", "memory_timeline", "note", "max_rate"})
public record ServingResult(
    String strategy,
    double ratePerS,
    int requests,
    int completed,
    int rejected,
    long preemptions,
    long swapOuts,
    double durationS,
    double requestsPerS,
    double outputTokensPerS,
    double totalTokensPerS,
    LatencyStats ttftS,
    LatencyStats tpotS,
    LatencyStats e2eS,
    SloConfig slo,
    Double sloAttainment,
    Double goodputRequestsPerS,
    boolean sustained,
    String sustainability,
    int kvBlockTokens,
    long kvBlocks,
    long swapBlocks,
    long iterations,
    long pricedCompositions,
    TierBytes<Long> peakMemoryBytes,
    List<MemorySample> memoryTimeline,
    String note,
    RateSearch.Result maxRate) {

  public ServingResult withMaxRate(RateSearch.Result r) {
    return new ServingResult(strategy, ratePerS, requests, completed, rejected, preemptions, swapOuts, durationS,
        requestsPerS, outputTokensPerS, totalTokensPerS, ttftS, tpotS, e2eS, slo, sloAttainment, goodputRequestsPerS,
        sustained, sustainability, kvBlockTokens, kvBlocks, swapBlocks, iterations, pricedCompositions, peakMemoryBytes,
        memoryTimeline, note, r);
  }
}
