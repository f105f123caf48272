package io.tiersim.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiersim.model.io.Require;

/**
 * Where requests come from: a Poisson process at {@code rate_per_s} with prompt and output
 * lengths drawn from distributions, or a trace file (ShareGPT-style JSON, a JSON list of records,
 * or CSV with {@code arrival_s}, {@code prompt_tokens}, {@code output_tokens}). A trace without
 * arrival times is replayed as a Poisson process at {@code rate_per_s}, as vLLM's serving
 * benchmark does. {@code shared_prefix} gives requests a common prompt prefix (a system prompt,
 * few-shot examples), spread round-robin over {@code groups}.
 *
 * @param trace path of the trace file, relative to the scenario file
 * @param seed seed of every random draw; the same seed gives the same requests
 */
public record ArrivalConfig(
    Kind kind,
    Double ratePerS,
    Integer requests,
    Long seed,
    LengthDistribution promptTokens,
    LengthDistribution outputTokens,
    String trace,
    TraceFormat format,
    SharedPrefix sharedPrefix) {

  /** How arrival times are made. */
  public enum Kind {
    @JsonProperty("poisson") POISSON,
    @JsonProperty("trace") TRACE
  }

  /** How a trace file is read; {@code auto} decides by the extension and the first record. */
  public enum TraceFormat {
    @JsonProperty("auto") AUTO,
    @JsonProperty("sharegpt") SHAREGPT,
    @JsonProperty("records") RECORDS,
    @JsonProperty("csv") CSV
  }

  /** A prefix of {@code tokens} shared by the requests of each of {@code groups} groups. */
  public record SharedPrefix(Integer groups, Integer tokens) {
    public SharedPrefix {
      Require.positive(Require.present(groups, "groups"), "groups");
      Require.positive(Require.present(tokens, "tokens"), "tokens");
    }
  }

  public ArrivalConfig {
    Require.present(kind, "kind");
    seed = seed == null ? 1L : seed;
    format = format == null ? TraceFormat.AUTO : format;
    if (ratePerS != null) {
      Require.positive(ratePerS, "rate_per_s");
    }
    if (requests != null) {
      Require.positive(requests, "requests");
    }
    if (kind == Kind.POISSON) {
      Require.present(ratePerS, "rate_per_s");
      Require.present(requests, "requests");
      Require.present(promptTokens, "prompt_tokens");
      Require.present(outputTokens, "output_tokens");
      if (trace != null) {
        throw new IllegalArgumentException("trace: a poisson arrival draws its requests; use kind: trace to replay a file");
      }
    } else {
      Require.nonBlank(trace, "trace");
      if (promptTokens != null || outputTokens != null) {
        throw new IllegalArgumentException("prompt_tokens: a trace gives each request's lengths; remove prompt_tokens and output_tokens");
      }
    }
  }

  public ArrivalConfig withRate(double rate) {
    return new ArrivalConfig(kind, rate, requests, seed, promptTokens, outputTokens, trace, format, sharedPrefix);
  }

  public ArrivalConfig withRequests(int n) {
    return new ArrivalConfig(kind, ratePerS, n, seed, promptTokens, outputTokens, trace, format, sharedPrefix);
  }

  public ArrivalConfig withSeed(long s) {
    return new ArrivalConfig(kind, ratePerS, requests, s, promptTokens, outputTokens, trace, format, sharedPrefix);
  }

  public ArrivalConfig withTrace(String path) {
    return new ArrivalConfig(kind, ratePerS, requests, seed, promptTokens, outputTokens, path, format, sharedPrefix);
  }
}
