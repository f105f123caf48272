package io.tiersim.model.measurement;

/** The machine around the GPU: what the host clock and page-locked memory numbers depend on. */
public record HostInfo(String hostname, String platform, String python, String cpuModel, Integer cpuCount,
    Long memoryBytes) {}
