package io.tiersim.model.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

final class YamlWriterTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writtenYaml_readsBackAsTheSameTree() throws Exception {
    JsonNode tree = JSON.readTree("""
        {"id": "x", "n": 64, "small": 1.0e-5, "big": 3.35e12, "odd": 0.1,
         "quoted": "say \\"hi\\"\\nthen: [go] # not a comment",
         "flow": {"value": 64.5, "source": "a, b"}, "empty": [], "none": null, "yes": true,
         "nested": {"inner": {"value": 1, "source": "s"}, "list": [1, 2]},
         "points": [{"kind": "a", "gb_s": 2.5}, {"kind": "b", "deep": {"x": 1}, "more": "m"}],
         "Odd Key": 1}""");
    String yaml = YamlWriter.write(tree, List.of("a header", ""));
    JsonNode back = YamlLoader.mapper().readTree(yaml);

    assertThat(yaml).startsWith("# a header\n#\nid: \"x\"\n");
    assertThat(yaml).contains("flow: {value: 64.5, source: \"a, b\"}").contains("  - {kind: \"a\", gb_s: 2.5}")
        .contains("small: 0.00001").contains("big: 3350000000000.0").doesNotContain("E-").doesNotContain("E1");
    assertThat(back.get("small").doubleValue()).isEqualTo(1.0e-5);
    assertThat(back.get("big").doubleValue()).isEqualTo(3.35e12);
    assertThat(back.get("odd").doubleValue()).isEqualTo(0.1);
    assertThat(back.get("quoted").asText()).isEqualTo(tree.get("quoted").asText());
    assertThat(back.get("points").get(1).get("deep").get("x").asInt()).isEqualTo(1);
    assertThat(back.get("points").get(1).get("more").asText()).isEqualTo("m");
    assertThat(back.get("nested")).isEqualTo(tree.get("nested"));
    assertThat(back.get("Odd Key").asInt()).isEqualTo(1);
    assertThat(back.get("none").isNull()).isTrue();
    assertThat(YamlWriter.write(tree, List.of())).isEqualTo(YamlWriter.write(tree.deepCopy(), List.of()));
  }

  @Test
  void nonFiniteNumbers_andNonMappings_areRefused() throws Exception {
    assertThatThrownBy(() -> YamlWriter.write(JSON.createObjectNode().put("v", Double.NaN), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> YamlWriter.write(JSON.readTree("[1]"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
