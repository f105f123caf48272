/**
 * Measurement files written by the GPU probe ({@code validation/probe/probe.py}): the device and
 * libraries a run used, microbenchmark series (points of shape, median, p10, p90 in one unit) and
 * end-to-end settings recorded exactly enough for tiersim to simulate the same run. {@link
 * io.tiersim.model.measurement.MeasurementLoader} reads a file strictly (schema version 1, unknown
 * fields are errors) and {@link io.tiersim.model.measurement.MeasuredPoints} turns its series into
 * a hardware profile's measured points. The format is documented in {@code validation/probe/README.md}.
 */
package io.tiersim.model.measurement;
