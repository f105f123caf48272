/**
 * The discrete-event engine: a deterministic event queue, task graphs on servers of fixed capacity
 * (the GPU stream, each direction of PCIe, NVLink, the host thread, cores and DRAM, the drives and
 * the CSDs), the pipelines that turn the cost model's layer steps into task graphs (FlexGen's block
 * schedule with prefetch depth, draft and verify), the batch runner that the analytic engine is
 * checked against, and Chrome trace output.
 */
package io.tiersim.simulator.event;
