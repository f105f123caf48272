/**
 * Serving under load: requests from a Poisson process or a trace, continuous batching with
 * chunked prefill over paged KV blocks, preemption by swap or recomputation, shared-prefix reuse,
 * iteration times from the cost model, and the latency, goodput, memory and highest-rate reports.
 */
package io.tiersim.simulator.serving;
