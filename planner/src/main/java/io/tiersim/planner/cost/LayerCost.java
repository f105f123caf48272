package io.tiersim.planner.cost;

/**
 * Seconds one layer contributes over a whole run (every prefill pass and every decode step of the
 * whole batch).
 *
 * @param prefillS the layer's share of prefill
 * @param decodeS the layer's share of decode on the GPU side (compute and GPU-memory reads, plus any
 *     transfer the engine does not overlap with other layers)
 * @param hostLinkS seconds the layer keeps the host link busy during decode; the link is shared by
 *     all layers, so a plan's decode time is at least the sum of these (0 when the engine folds
 *     transfers into {@code decodeS})
 */
public record LayerCost(double prefillS, double decodeS, double hostLinkS) {
  public LayerCost {
    requireTime(prefillS, "prefillS");
    requireTime(decodeS, "decodeS");
    requireTime(hostLinkS, "hostLinkS");
  }

  public static LayerCost of(double prefillS, double decodeS) {
    return new LayerCost(prefillS, decodeS, 0);
  }

  static void requireTime(double s, String name) {
    if (!(s >= 0) || Double.isInfinite(s)) {
      throw new IllegalArgumentException(name + ": expected finite seconds >= 0, got " + s);
    }
  }
}
