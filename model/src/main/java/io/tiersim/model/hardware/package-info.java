/**
 * Hardware profiles: GPUs ({@link io.tiersim.model.hardware.GpuProfile}) and whole machines
 * ({@link io.tiersim.model.hardware.SystemProfile}) with their host memory, CPU, links, NVMe and
 * computational storage drives, loaded from {@code hardware-profiles/} by
 * {@link io.tiersim.model.hardware.HardwareCatalog}. Every number carries its source
 * ({@link io.tiersim.model.hardware.SourcedValue}): spec sheets give ceilings, measured points
 * ({@link io.tiersim.model.hardware.MeasuredPoint}) give what code reaches, and values nobody
 * published are marked {@code assumption:} with the reasoning.
 */
package io.tiersim.model.hardware;
