package io.tiersim.simulator.sweep;

import io.tiersim.simulator.engine.Timing;
import java.util.List;

/**
 * The row layout of a sweep, one row per point, in a fixed column order (a stable contract for
 * scripts: columns are added at the end, never renamed). Numbers are rounded to six significant
 * digits with {@link StrictMath}, so the same inputs give the same bytes on every machine.
 */
public final class SweepColumns {
  private SweepColumns() {}

  public static final List<Column> ALL = List.of(
      col("point", Column.Type.INTEGER, "position in the grid, 0-based; rows are sorted by it"),
      col("model", Column.Type.TEXT, "model id"),
      col("system", Column.Type.TEXT, "system id"),
      col("gpus", Column.Type.INTEGER, "GPUs in one system (tensor parallel)"),
      col("strategy", Column.Type.TEXT, "strategy name"),
      col("preset", Column.Type.TEXT, "preset the strategy builds on"),
      col("kv_budget_tokens", Column.Type.INTEGER, "KV budget applied from the kv_budget_tokens axis; empty when the strategy has none"),
      col("batch_size", Column.Type.INTEGER, "sequences per batch"),
      col("prompt_tokens", Column.Type.INTEGER, "prompt tokens per sequence"),
      col("generate_tokens", Column.Type.INTEGER, "generated tokens per sequence"),
      col("context_tokens", Column.Type.INTEGER, "prompt plus generated tokens"),
      col("request_rate_per_s", Column.Type.NUMBER, "demand in requests per second; empty without a rate axis"),
      col("fits", Column.Type.BOOLEAN, "every tier holds its peak in both phases"),
      col("within_model_window", Column.Type.BOOLEAN, "context within the model's max position embeddings"),
      col("gpu_peak_bytes", Column.Type.INTEGER, "peak bytes on the GPU tier (all GPUs of the system)"),
      col("cpu_peak_bytes", Column.Type.INTEGER, "peak bytes in host memory"),
      col("disk_peak_bytes", Column.Type.INTEGER, "peak bytes on local drives"),
      col("csd_peak_bytes", Column.Type.INTEGER, "peak bytes on computational storage"),
      col("kv_cache_bytes", Column.Type.INTEGER, "KV cache at the end of generation, all tiers"),
      col("weights_bytes", Column.Type.INTEGER, "weights, all tiers"),
      col("gpu_peak_phase", Column.Type.TEXT, "phase of the GPU peak: prefill or decode"),
      col("max_batch_size", Column.Type.INTEGER, "largest batch with these lengths that fits (memory)"),
      col("max_prompt_tokens", Column.Type.INTEGER, "longest prompt with this batch that fits"),
      col("max_prompt_limited_by", Column.Type.TEXT, "memory, or model_positions (the context window)"),
      col("prefill_s", Column.Type.NUMBER, "prefill time of the batch"),
      col("decode_s", Column.Type.NUMBER, "decode time of the remaining tokens"),
      col("ttft_s", Column.Type.NUMBER, "time to first token (the batch starts together)"),
      col("tpot_s", Column.Type.NUMBER, "time per output token after the first; empty for one generated token"),
      col("prefill_tokens_per_s", Column.Type.NUMBER, "prompt tokens per second"),
      col("decode_tokens_per_s", Column.Type.NUMBER, "generated tokens after the first per second of decode"),
      col("generation_tokens_per_s", Column.Type.NUMBER, "generated tokens over prefill plus decode time"),
      col("prefill_bound", Column.Type.TEXT, "resource with the largest share of prefill time"),
      col("decode_bound", Column.Type.TEXT, "resource with the largest share of decode time"),
      col("requests_per_s_per_replica", Column.Type.NUMBER, "requests one system completes per second (batch over run time)"),
      col("meets_slo", Column.Type.BOOLEAN, "fits, within the window, and within the sweep's SLOs"),
      col("replicas_needed", Column.Type.INTEGER, "systems needed for the demand; empty when the point cannot serve it"),
      col("gpus_needed", Column.Type.INTEGER, "replicas_needed times gpus"),
      col("quality_loss_pct", Column.Type.NUMBER, "whole-model quality loss in percent from the cited per-method table "
          + "(method-losses.yaml): the row of the strategy's preset plus weights-int<bits> for quantised weights, 0 for "
          + "fp16 everywhere; empty when unknown (a method the table lacks, or KV knobs or a KV budget changed away from "
          + "the preset's)"));

  private static Column col(String name, Column.Type type, String description) {
    return new Column(name, type, description);
  }

  public static List<String> names() {
    return ALL.stream().map(Column::name).toList();
  }

  /** The values of one point, as CSV text (empty for "does not apply"), in column order. */
  public static String[] values(long point, CellResult r, Slo slo, Double rate) {
    Cell c = r.cell();
    Timing t = r.timing();
    int gpus = c.block().system().gpuCount();
    Long replicas = r.replicasNeeded(slo, rate);
    return new String[] {
        Long.toString(point), text(c.block().model().id()), text(c.block().system().id()), Integer.toString(gpus),
        text(c.variant().name()), text(c.variant().strategy().preset()), integer(c.variant().budgetTokens()),
        Integer.toString(c.batchSize()), Integer.toString(c.promptTokens()), Integer.toString(c.generateTokens()),
        Integer.toString(c.contextTokens()), number(rate), Boolean.toString(r.fits()), Boolean.toString(r.withinModelWindow()),
        Long.toString(r.peakBytes().gpu()), Long.toString(r.peakBytes().cpu()), Long.toString(r.peakBytes().disk()),
        Long.toString(r.peakBytes().csd()), Long.toString(r.kvCacheBytes()), Long.toString(r.weightsBytes()),
        r.gpuPeakPhase(), Long.toString(r.maxBatchSize()), Long.toString(r.maxPromptTokens()), r.maxPromptLimitedBy(),
        number(t.prefillS()), number(t.decodeS()), number(t.ttftS()), number(t.tpotS()), number(t.prefillTokensPerS()),
        number(t.decodeTokensPerS()), number(t.generationTokensPerS()), t.bottleneck().prefill().bound(),
        t.bottleneck().decode().bound(), number(r.requestsPerSPerReplica()), Boolean.toString(r.meetsSlo(slo)),
        integer(replicas), integer(replicas == null ? null : replicas * gpus), number(c.variant().quality().lossPct())};
  }

  /** Six significant digits, shortest form; empty for null, NaN or infinity. */
  public static String number(Double v) {
    if (v == null || v.isNaN() || v.isInfinite()) {
      return "";
    }
    double x = v;
    if (x == 0) {
      return "0";
    }
    int exponent = (int) StrictMath.floor(StrictMath.log10(Math.abs(x)));
    double rounded;
    if (exponent >= 5) {
      double unit = pow10(exponent - 5);
      rounded = Math.rint(x / unit) * unit;
    } else {
      double scale = pow10(5 - exponent);
      rounded = Math.rint(x * scale) / scale;
    }
    if (!Double.isFinite(rounded)) {
      return Double.toString(x);
    }
    if (rounded == Math.rint(rounded) && Math.abs(rounded) < 1e15) {
      return Long.toString((long) rounded);
    }
    return Double.toString(rounded);
  }

  private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
      1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /** Exact powers of ten where a double holds them exactly. */
  private static double pow10(int k) {
    return k < POWERS.length ? POWERS[k] : StrictMath.pow(10, k);
  }

  private static String integer(Number v) {
    return v == null ? "" : v.toString();
  }

  /** Text without line breaks, so that one row is one line of the file. */
  private static String text(String s) {
    return s == null ? "" : s.replace('\r', ' ').replace('\n', ' ');
  }
}
