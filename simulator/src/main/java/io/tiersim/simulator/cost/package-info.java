/**
 * The one cost model: every operator of a transformer layer (projections and MLP GEMMs, attention
 * in prefill and decode, quantise/dequantise, scoring and top-k, low-rank reconstruction, merging,
 * copies and transfers) priced as the time and bytes it puts on each {@link
 * io.tiersim.simulator.cost.Resource}. The analytic engine, the event engine and the planner all
 * price work here; nothing else holds a bandwidth or a FLOP rate.
 */
package io.tiersim.simulator.cost;
