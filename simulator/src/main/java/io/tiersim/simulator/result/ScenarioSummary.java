package io.tiersim.simulator.result;

/**
 * The scenario's identity and workload, echoed in results so a result file stands alone.
 *
 * @param runtime how the host issues GPU work ({@code eager} or {@code cuda_graphs})
 */
public record ScenarioSummary(
    String name, String model, String system, int gpuCount, int batchSize, int promptTokens, int generateTokens,
    String runtime) {}
