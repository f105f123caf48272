package io.tiersim.model.hardware;

import io.tiersim.model.io.Require;

/**
 * The GPU-to-GPU fabric of a multi-GPU system (NVLink with NVSwitch, per the NVIDIA HGX/DGX
 * datasheets): bandwidth per GPU and per direction, half the "total" that datasheets quote.
 */
public record GpuInterconnect(String kind, SourcedValue perDirectionGbS) {

  public GpuInterconnect {
    Require.nonBlank(kind, "kind");
    SourcedValue.positive(perDirectionGbS, "per_direction_gb_s");
  }

  public double bytesPerSPerDirection() {
    return perDirectionGbS.times(Units.GB);
  }
}
