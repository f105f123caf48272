package io.tiersim.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the host issues GPU work. The seed papers' reference code (Hugging Face, FlexGen, KIVI,
 * H2O) runs eager PyTorch, where Python dispatches every kernel and copy; serving engines replay
 * decode steps from CUDA graphs, where the host issues a whole step at once.
 */
public enum Runtime {
  /**
   * 10 us of host time per kernel or copy: a Python-level PyTorch operator costs about 5-7 us on
   * the CPU (pytorch/pytorch issue #41383, measured on {@code y = 2*x}), and enqueueing a CUDA
   * launch about 2.6-3.8 us more (makslevental/persistent_kernel README; NVIDIA's "Getting
   * Started with CUDA Graphs" blog, 3.8 us per back-to-back launch on a V100).
   */
  @JsonProperty("eager") EAGER(10e-6),
  /** Graph replay: the host's cost per kernel vanishes (tens of microseconds per step, ignored). */
  @JsonProperty("cuda_graphs") CUDA_GRAPHS(0);

  private final double hostSecondsPerDispatch;

  Runtime(double hostSecondsPerDispatch) {
    this.hostSecondsPerDispatch = hostSecondsPerDispatch;
  }

  public double hostSecondsPerDispatch() {
    return hostSecondsPerDispatch;
  }

  public String key() {
    return this == EAGER ? "eager" : "cuda_graphs";
  }
}
