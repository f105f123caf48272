package io.tiersim.model.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.io.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every number in a bundled profile sits in a mapping that names its source. */
final class SourceCoverageTest {

  @Test
  void everyNumber_sitsInAMappingWithANonBlankSource() throws IOException {
    List<String> unsourced = new ArrayList<>();
    int numbers = 0;
    try (Stream<Path> files = Files.walk(TiersimHome.hardwareProfiles())) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        numbers += walk(YamlLoader.readTree(file), null, file.getFileName() + ":", unsourced);
      }
    }
    assertThat(numbers).as("numbers checked").isGreaterThan(300);
    assertThat(unsourced).isEmpty();
  }

  @Test
  void assumptionSources_sayWhy() throws IOException {
    try (Stream<Path> files = Files.walk(TiersimHome.hardwareProfiles())) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        for (String line : Files.readAllLines(file)) {
          int at = line.indexOf("\"assumption:");
          if (at >= 0) {
            assertThat(line.substring(at + 13).trim()).as(file + ": " + line).hasSizeGreaterThan(15);
          }
        }
      }
    }
  }

  private static int walk(JsonNode node, JsonNode parent, String path, List<String> unsourced) {
    if (node.isNumber()) {
      JsonNode source = parent == null ? null : parent.get("source");
      if (source == null || !source.isTextual() || source.asText().isBlank()) {
        unsourced.add(path);
      }
      return 1;
    }
    int count = 0;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        count += walk(e.getValue(), node, path + "." + e.getKey(), unsourced);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        // A number directly in a list has no mapping of its own: it counts as unsourced.
        count += walk(node.get(i), node.get(i).isNumber() ? null : node, path + "[" + i + "]", unsourced);
      }
    }
    return count;
  }
}
