package io.tiersim.planner.quality;

/**
 * The quality-loss proxy of one layer under one candidate: the candidate's whole-model loss times
 * the layer's sensitivity, divided by the number of layers. A plan's loss is the sum over layers.
 */
public record QualityModel(SensitivityProfile sensitivity) {

  public double layerLossPct(int layer, double wholeModelLossPct) {
    return sensitivity.weight(layer) * wholeModelLossPct / sensitivity.layers();
  }
}
