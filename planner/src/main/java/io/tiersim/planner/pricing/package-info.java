/**
 * Pricing: every candidate in every layer, at every batch size, through the one cost source and the
 * simulator's memory classes, into the {@link io.tiersim.planner.space.OptionTable}s the solvers
 * read.
 */
package io.tiersim.planner.pricing;
