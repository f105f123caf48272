package io.tiersim.planner.cost;

/**
 * Seconds of a run that belong to no layer: embeddings, the LM head, sampling. Same fields as
 * {@link LayerCost}.
 */
public record RunCost(double prefillS, double decodeS, double hostLinkS) {
  public static final RunCost NONE = new RunCost(0, 0, 0);

  public RunCost {
    LayerCost.requireTime(prefillS, "prefillS");
    LayerCost.requireTime(decodeS, "decodeS");
    LayerCost.requireTime(hostLinkS, "hostLinkS");
  }
}
