package io.tiersim.simulator.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small sweep that exercises every axis, and helpers to write variants of it. */
final class SweepFixtures {
  private SweepFixtures() {}

  static final String SMALL = """
      # A small sweep for tests: every axis, a CSD system for InstInfer.
      name: small
      models: [llama-3.1-8b]
      systems: [h100-sxm, a6000-csd]
      runtime: cuda_graphs
      axes:
        batch_size: [1, 8]
        context_tokens: [4096, 16384]
        generate_tokens: [128]
        request_rate_per_s: [1, 5]
        kv_budget_tokens: [512, 1024]
      slo: {ttft_s: 5, tpot_s: 0.05}
      strategies:
        - preset: full-fp16
        - preset: snapkv
        - preset: streamingllm
        - preset: instinfer
      """;

  static Path write(Path dir, String name, String text) {
    try {
      Path f = dir.resolve(name);
      Files.writeString(f, text);
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SweepPlan load(Path dir, String text) {
    return SweepLoader.bundled().load(write(dir, "sweep.yaml", text));
  }
}
