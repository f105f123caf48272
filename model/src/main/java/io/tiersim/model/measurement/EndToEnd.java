package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;
import java.util.List;

/**
 * The end-to-end section: the model built once with random weights, how it ran (eager PyTorch,
 * SDPA attention), what the memory counters mean, and one record per planned setting, including
 * those skipped because they could not fit or the budget ran out.
 */
public record EndToEnd(
    SeriesStatus status,
    String reason,
    ProbeModelConfig model,
    String weightsDtype,
    Long weightsBytes,
    String weightsInit,
    String execution,
    String memoryCounters,
    List<EndToEndSetting> settings) {

  public EndToEnd {
    Require.present(status, "status");
    Require.present(model, "model");
    settings = Checks.entries(settings, "settings");
    if (weightsBytes != null) {
      Require.positive(weightsBytes, "weights_bytes");
    }
  }
}
