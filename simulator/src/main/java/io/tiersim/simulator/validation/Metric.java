package io.tiersim.simulator.validation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a published row measured, in the units papers print. */
public enum Metric {
  @JsonProperty("generation_tokens_per_s") GENERATION_TOKENS_PER_S("generation tokens/s", Family.TIME),
  @JsonProperty("prefill_tokens_per_s") PREFILL_TOKENS_PER_S("prefill tokens/s", Family.TIME),
  @JsonProperty("decode_tokens_per_s") DECODE_TOKENS_PER_S("decode tokens/s", Family.TIME),
  @JsonProperty("total_latency_s") TOTAL_LATENCY_S("total latency s", Family.TIME),
  /** Peak GPU memory in GiB (FlexGen's and H2O's "GB" are 2^30 bytes). */
  @JsonProperty("peak_gpu_gib") PEAK_GPU_GIB("peak GPU GiB", Family.MEMORY),
  /** KV cache size in GiB. */
  @JsonProperty("kv_cache_gib") KV_CACHE_GIB("KV cache GiB", Family.MEMORY);

  /** Rows are summarised per family: times and throughputs, or memory. */
  public enum Family { TIME, MEMORY }

  private final String label;
  private final Family family;

  Metric(String label, Family family) {
    this.label = label;
    this.family = family;
  }

  public String label() {
    return label;
  }

  public Family family() {
    return family;
  }
}
