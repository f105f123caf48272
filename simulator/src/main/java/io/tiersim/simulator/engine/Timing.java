package io.tiersim.simulator.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The analytic engine's answer for one strategy and workload. Throughputs follow FlexGen's and
 * H2O's definitions: prefill counts the first generated token, decode the remaining ones, and
 * generation throughput is all generated tokens over prefill plus decode time.
 *
 * @param prefillS time to the first generated token for the whole batch (TTFT when the batch
 *     starts together)
 * @param decodeS time of the remaining {@code generate - 1} steps
 * @param tpotS seconds per output token after the first; null when only one token is generated
 * @param decodeTokensPerS null when only one token is generated
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"prefill_s", "decode_s", "ttft_s", "tpot_s", "prefill_tokens_per_s", "decode_tokens_per_s",
    "generation_tokens_per_s", "bottleneck"})
public record Timing(
    double prefillS,
    double decodeS,
    double ttftS,
    Double tpotS,
    double prefillTokensPerS,
    Double decodeTokensPerS,
    double generationTokensPerS,
    PhaseBottlenecks bottleneck) {

  /** Bottlenecks of the two phases. */
  public record PhaseBottlenecks(Bottleneck prefill, Bottleneck decode) {}

  public double totalS() {
    return prefillS + decodeS;
  }
}
