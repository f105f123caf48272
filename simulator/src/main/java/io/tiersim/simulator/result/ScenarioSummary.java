package io.tiersim.simulator.result;

/** The scenario's identity and workload, echoed in results so a result file stands alone. */
public record ScenarioSummary(
    String name, String model, String system, int gpuCount, int batchSize, int promptTokens, int generateTokens) {}
