package io.tiersim.model.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class YamlLinesTest {
  private static final String TEXT = String.join("\n",
      "id: x",
      "host_link:",
      "  kind: PCIe",
      "  latency_us: {value: 1, source: s}",
      "measured:",
      "  - {kind: hbm_read, gb_s: 1, source: s}",
      "  - {kind: gemm, tflops: 1, source: s}");

  @Test
  void lineOfPath_followsNestedKeysAndListItems() {
    assertThat(YamlLines.lineOfPath(TEXT, "host_link.latency_us")).isEqualTo(4);
    assertThat(YamlLines.lineOfPath(TEXT, "measured[1].tflops")).isEqualTo(7);
    assertThat(YamlLines.lineOf(TEXT, "measured")).isEqualTo(5);
  }

  @Test
  void lineOfPath_oddOrMissingKeys_giveZeroOrTheLastFound() {
    assertThat(YamlLines.lineOfPath(TEXT, "f[p16")).isZero();
    assertThat(YamlLines.lineOfPath(TEXT, "measured[99999999999].x")).isEqualTo(5);
    assertThat(YamlLines.lineOfPath(TEXT, "host_link.nope")).isEqualTo(2);
  }
}
