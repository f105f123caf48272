package io.tiersim.simulator.sweep;

import org.apache.commons.csv.CSVRecord;

/** The columns of one written row that the capacity answers read back. */
record PointRow(
    String model, String system, int gpus, String strategy, Integer kvBudgetTokens, int batchSize, int promptTokens,
    int generateTokens, int contextTokens, Double requestRatePerS, boolean fits, boolean withinModelWindow,
    long gpuPeakBytes, long maxBatchSize, long maxPromptTokens, String maxPromptLimitedBy, double ttftS, Double tpotS,
    double generationTokensPerS, boolean meetsSlo, Long replicasNeeded, Long gpusNeeded, Double qualityLossPct) {

  static PointRow of(CSVRecord r) {
    return new PointRow(r.get("model"), r.get("system"), Integer.parseInt(r.get("gpus")), r.get("strategy"),
        optInt(r.get("kv_budget_tokens")), Integer.parseInt(r.get("batch_size")), Integer.parseInt(r.get("prompt_tokens")),
        Integer.parseInt(r.get("generate_tokens")), Integer.parseInt(r.get("context_tokens")),
        optDouble(r.get("request_rate_per_s")), Boolean.parseBoolean(r.get("fits")),
        Boolean.parseBoolean(r.get("within_model_window")), Long.parseLong(r.get("gpu_peak_bytes")),
        Long.parseLong(r.get("max_batch_size")), Long.parseLong(r.get("max_prompt_tokens")), r.get("max_prompt_limited_by"),
        Double.parseDouble(r.get("ttft_s")), optDouble(r.get("tpot_s")), Double.parseDouble(r.get("generation_tokens_per_s")),
        Boolean.parseBoolean(r.get("meets_slo")), optLong(r.get("replicas_needed")), optLong(r.get("gpus_needed")),
        optDouble(r.get("quality_loss_pct")));
  }

  /** Servable: fits and within the model's window. */
  boolean servable() {
    return fits && withinModelWindow;
  }

  private static Integer optInt(String s) {
    return s.isEmpty() ? null : Integer.valueOf(s);
  }

  private static Long optLong(String s) {
    return s.isEmpty() ? null : Long.valueOf(s);
  }

  private static Double optDouble(String s) {
    return s.isEmpty() ? null : Double.valueOf(s);
  }
}
