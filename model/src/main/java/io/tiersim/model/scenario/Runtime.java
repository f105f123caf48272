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
   * Started with CUDA Graphs" blog, 3.8 us per back-to-back launch on a V100). 5 us per call that
   * launches nothing (a view, permute, reshape, slice or scalar tensor): the same issue's
   * maintainer measures about 2 us for a tensor-tensor call, half of it Python argument parsing,
   * and more with Python scalars; 5 us sits between. These are priors: a profile with the probe's
   * kernel-launch points prices a launch at their mean and a view at half of it (the simulator's
   * {@code HostDispatchFit}).
   */
  @JsonProperty("eager") EAGER(10e-6, 5e-6),
  /** Graph replay: the host's cost per kernel vanishes (tens of microseconds per step, ignored). */
  @JsonProperty("cuda_graphs") CUDA_GRAPHS(0, 0);

  private final double hostSecondsPerDispatch;
  private final double hostSecondsPerHostCall;

  Runtime(double hostSecondsPerDispatch, double hostSecondsPerHostCall) {
    this.hostSecondsPerDispatch = hostSecondsPerDispatch;
    this.hostSecondsPerHostCall = hostSecondsPerHostCall;
  }

  /** Host seconds to issue one kernel or copy. */
  public double hostSecondsPerDispatch() {
    return hostSecondsPerDispatch;
  }

  /** Host seconds of one framework call that issues no GPU work (views, reshapes, slicing). */
  public double hostSecondsPerHostCall() {
    return hostSecondsPerHostCall;
  }

  public String key() {
    return this == EAGER ? "eager" : "cuda_graphs";
  }
}
