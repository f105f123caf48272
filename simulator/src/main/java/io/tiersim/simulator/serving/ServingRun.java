package io.tiersim.simulator.serving;

/**
 * What a serving run leaves behind, per request (times of first token and of finish, NaN when
 * the request never got there) and in total; {@link ServingMetrics} summarises it.
 */
public record ServingRun(
    String strategy,
    Requests requests,
    byte[] states,
    double[] firstTokenS,
    double[] finishS,
    double[] scheduledS,
    long preemptions,
    long swapOuts,
    long iterations,
    long pricedCompositions,
    KvLayout layout,
    MemoryTimeline timeline,
    String shortfall) {

  public boolean completed(int i) {
    return ServingSimulator.completed(states[i]);
  }
}
