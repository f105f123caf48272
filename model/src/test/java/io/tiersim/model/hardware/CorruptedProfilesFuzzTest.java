package io.tiersim.model.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tiersim.model.io.InputException;
import io.tiersim.model.io.TiersimHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded corruptions of each bundled file (deleted lines, negative or non-numeric numbers,
 * truncation, stray brackets): loading gives a valid catalog or an InputException, nothing else.
 */
final class CorruptedProfilesFuzzTest {
  private static final long SEED = Long.getLong("tiersim.fuzz.seed", 20_261_113L);
  private static final int TRIALS_PER_FILE = 200;
  private static final Pattern NUMBER = Pattern.compile("(?<=[\\s:{\\[,])-?\\d+(\\.\\d+)?(?=[\\s,}\\]])");
  private static final String[] JUNK = {"{", "}", "[", "]", ":", "- ", "\"", "'", "&a", "*a", "!!int", "\t", "~", "0x"};

  @TempDir Path tmp;

  @Test
  void corruptedFiles_loadOrFailWithInputException() throws IOException {
    Path bundled = TiersimHome.hardwareProfiles();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(bundled)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    Path dir = Fixtures.copy(bundled, tmp.resolve("catalog"));
    Random random = new Random(SEED);
    int rejected = 0;
    int trials = 0;
    for (Path original : files) {
      String text = Files.readString(original);
      for (int t = 0; t < TRIALS_PER_FILE; t++) {
        String corrupted = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          corrupted = corrupt(corrupted, random);
        }
        trials++;
        Path target = dir.resolve(bundled.relativize(original).toString());
        Files.writeString(target, corrupted);
        try {
          HardwareCatalog.load(dir);
        } catch (InputException expected) {
          rejected++;
          assertThat(expected.file()).as(expected.getMessage()).isNotNull();
        } catch (RuntimeException | StackOverflowError other) {
          fail("corrupting " + original.getFileName() + " gave " + other + "\n--- file ---\n" + corrupted, other);
        } finally {
          Files.writeString(target, text);
        }
      }
    }
    assertThat(trials).isGreaterThanOrEqualTo(4000);
    assertThat(rejected).as("most corruptions are caught").isGreaterThan(trials / 2);
  }

  private static String corrupt(String text, Random random) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    switch (random.nextInt(7)) {
      case 0 -> lines.remove(random.nextInt(lines.size()));
      case 1 -> {
        return replaceNumber(text, random, n -> n.startsWith("-") ? n.substring(1) : "-" + n);
      }
      case 2 -> {
        return replaceNumber(text, random, n -> random.nextBoolean() ? "lots" : "1e999");
      }
      case 3 -> {
        return text.substring(0, random.nextInt(text.length() + 1));
      }
      case 4 -> {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + JUNK[random.nextInt(JUNK.length)] + text.substring(at);
      }
      case 5 -> {
        int i = random.nextInt(lines.size());
        lines.add(i, lines.get(random.nextInt(lines.size())));
      }
      default -> {
        int i = random.nextInt(lines.size());
        lines.set(i, "  " + lines.get(i));
      }
    }
    return String.join("\n", lines);
  }

  private static String replaceNumber(String text, Random random, java.util.function.UnaryOperator<String> change) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return text;
    }
    int[] s = spans.get(random.nextInt(spans.size()));
    return text.substring(0, s[0]) + change.apply(text.substring(s[0], s[1])) + text.substring(s[1]);
  }
}
