package io.tiersim.simulator.serving;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Bytes on each tier and the sequences running and waiting at one moment of a serving run. */
@JsonPropertyOrder({"time_s", "gpu", "cpu", "disk", "csd", "running", "waiting"})
public record MemorySample(double timeS, long gpu, long cpu, long disk, long csd, int running, int waiting) {}
