/**
 * Validation against published measurements: a manifest of rows (a scenario, a strategy, a
 * metric and the number a paper printed), their predictions, errors and a Markdown report. No
 * constant anywhere is fitted to these rows.
 */
package io.tiersim.simulator.validation;
