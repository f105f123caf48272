package io.tiersim.model.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LineIndexTest {
  @Test
  void indexesNestedFieldsAndListItems() {
    String yaml = String.join("\n",
        "model: llama-3.1-8b",      // 1
        "workload:",                // 2
        "  batch_size: 8",          // 3
        "strategies:",              // 4
        "  - preset: kivi-2",       // 5
        "  - name: mine",           // 6
        "    preset: nope",         // 7
        "    kv: {key_bits: 2}");   // 8
    LineIndex idx = LineIndex.of(yaml);
    assertThat(idx.lineOf("model")).isEqualTo(1);
    assertThat(idx.lineOf("workload.batch_size")).isEqualTo(3);
    assertThat(idx.lineOf("strategies[0].preset")).isEqualTo(5);
    assertThat(idx.lineOf("strategies[1].preset")).isEqualTo(7);
    assertThat(idx.lineOf("strategies[1].kv.key_bits")).isEqualTo(8);
    assertThat(idx.lineOf("strategies[1].missing_field")).isEqualTo(6);
    assertThat(idx.lineOf("nothing")).isZero();
  }

  @Test
  void flowMappingsInListItems_andOddPaths() {
    String text = String.join("\n",
        "id: x",
        "host_link:",
        "  kind: PCIe",
        "  latency_us: {value: 1, source: s}",
        "measured:",
        "  - {kind: hbm_read, gb_s: 1, source: s}",
        "  - {kind: gemm, tflops: 1, source: s}");
    LineIndex idx = LineIndex.of(text);
    assertThat(idx.lineOf("host_link.latency_us")).isEqualTo(4);
    assertThat(idx.lineOf("measured[1].tflops")).isEqualTo(7);
    assertThat(idx.lineOf("measured")).isEqualTo(5);
    assertThat(idx.lineOf("f[p16")).isZero();
    assertThat(idx.lineOf("measured[99999999999].x")).isEqualTo(5);
    assertThat(idx.lineOf("host_link.nope")).isEqualTo(2);
  }
}
