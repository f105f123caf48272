/**
 * The simulator: memory accounting ({@code memory}), and the results it reports ({@code result}).
 * Later: the operator cost model and the analytical and discrete-event engines.
 */
package io.tiersim.simulator;
