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
}
