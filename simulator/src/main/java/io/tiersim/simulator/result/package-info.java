/**
 * Output records of a simulation, with stable snake_case names for JSON consumers. Byte counts
 * are rounded to whole bytes here and nowhere else.
 */
package io.tiersim.simulator.result;
