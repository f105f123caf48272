package io.tiersim.simulator.sweep;

import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.result.TierBytes;

/**
 * What one cell of the grid came to: memory per tier and fit, capacity limits, and the analytic
 * engine's times (computed as if memory sufficed, as {@code tiersim simulate} does).
 *
 * @param withinModelWindow whether prompt plus generated tokens fit the model's context window
 * @param maxBatchSize largest batch with the cell's lengths that fits (0: none)
 * @param maxPromptTokens longest prompt with the cell's batch that fits memory and the window
 */
public record CellResult(
    Cell cell,
    boolean fits,
    boolean withinModelWindow,
    TierBytes<Long> peakBytes,
    long kvCacheBytes,
    long weightsBytes,
    String gpuPeakPhase,
    long maxBatchSize,
    long maxPromptTokens,
    String maxPromptLimitedBy,
    Timing timing) {

  /** Requests one system completes per second: the batch over its whole run (static batching). */
  public double requestsPerSPerReplica() {
    return cell.batchSize() / timing.totalS();
  }

  /** Servable (fits, within the window) and within the SLOs. */
  public boolean meetsSlo(Slo slo) {
    return fits && withinModelWindow && slo.met(timing.ttftS(), timing.tpotS());
  }

  /**
   * Systems needed to serve {@code ratePerS} requests per second, or null when the point cannot
   * serve at all. Static batches start together, so TTFT is the batch's prefill; queueing delay
   * is not modelled (the event engine does that).
   */
  public Long replicasNeeded(Slo slo, Double ratePerS) {
    if (ratePerS == null || !meetsSlo(slo)) {
      return null;
    }
    // A relative slack keeps an exact multiple from rounding up on floating-point noise.
    return Math.max(1, (long) Math.ceil(ratePerS / requestsPerSPerReplica() * (1 - 1e-12)));
  }
}
