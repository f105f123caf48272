package io.tiersim.simulator.result;

/** A tier that overflows, at which phase, by how many bytes. */
public record OverflowResult(String tier, String phase, long neededBytes, long capacityBytes, long overflowBytes) {}
