/**
 * The efficiency layer under the cost model: the roofline's spec ceilings are the floor, and the
 * measured points of a hardware profile make them real. A {@link
 * io.tiersim.simulator.calibration.TransferCurve} prices moving bytes over HBM, L2 or the host
 * link with the latency-bandwidth model, a {@link
 * io.tiersim.simulator.calibration.GemmEfficiencyCurve} says what fraction of the tensor-core
 * peak a GEMM of a given shape reaches, and {@link
 * io.tiersim.simulator.calibration.ProfileCalibration} fits both to a system's measurements by
 * least squares in relative error, falling back to named, cited priors where a profile measured
 * nothing. Every fit comes back as a {@link io.tiersim.simulator.calibration.Fit} with its
 * residuals and confidence intervals, so a report can show how well the data pin each curve.
 */
package io.tiersim.simulator.calibration;
