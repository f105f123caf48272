package io.tiersim.model.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.tiersim.model.io.InputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Seeded corruptions of the synthetic measurement file (cut short for speed) (deleted or repeated lines, negative,
 * fractional, huge or non-numeric numbers, NaN, truncation, stray characters, swapped statuses):
 * loading gives a file or an InputException naming it, nothing else.
 */
final class CorruptedMeasurementsFuzzTest {
  private static final long SEED = Long.getLong("tiersim.fuzz.seed", 20_261_113L);
  private static final int TRIALS = 800;
  private static final Pattern NUMBER = Pattern.compile("(?<=[\\s:\\[,])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?(?=[\\s,}\\]])");
  private static final String[] JUNK = {"{", "}", "[", "]", ":", ",", "\"", "null", "true", "-", "\t", "\\", "NaN"};
  private static final String[] WORDS = {"\"ok\"", "\"partial\"", "\"skipped\"", "\"error\"", "\"oom\"", "null",
      "\"gb_s\"", "\"tflops\"", "\"us\"", "\"gemm\"", "\"decode\"", "\"bf16\"", "\"fp8\"", "{}", "[]"};

  @Test
  void corruptedFiles_loadOrFailWithInputException() {
    String text = MeasurementFixtures.small();
    MeasurementLoader.parse("small.json", text); // the uncorrupted text is valid
    Random random = new Random(SEED);
    int rejected = 0;
    for (int t = 0; t < TRIALS; t++) {
      String corrupted = text;
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        corrupted = corrupt(corrupted, random);
      }
      try {
        MeasurementLoader.parse("fuzz.json", corrupted);
      } catch (InputException expected) {
        rejected++;
        assertThat(expected.file()).as(expected.getMessage()).isEqualTo("fuzz.json");
        assertThat(expected.problem()).as(expected.getMessage()).isNotBlank();
      } catch (RuntimeException | StackOverflowError other) {
        fail("trial " + t + " gave " + other, other);
      }
    }
    assertThat(rejected).as("most corruptions are caught").isGreaterThan(TRIALS / 2);
  }

  private static String corrupt(String text, Random random) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    switch (random.nextInt(9)) {
      case 0 -> lines.remove(random.nextInt(lines.size()));
      case 1 -> {
        return replaceNumber(text, random, n -> n.startsWith("-") ? n.substring(1) : "-" + n);
      }
      case 2 -> {
        String[] odd = {"\"lots\"", "1e999", "0", "0.5", "1.5", "NaN", "Infinity", "9223372036854775808"};
        return replaceNumber(text, random, n -> odd[random.nextInt(odd.length)]);
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
      case 6 -> {
        return replaceValue(text, random);
      }
      case 7 -> {
        int at = random.nextInt(text.length());
        return text.substring(0, at) + text.substring(at + 1);
      }
      default -> {
        int i = random.nextInt(lines.size());
        lines.set(i, lines.get(i).replace("\"", ""));
      }
    }
    return String.join("\n", lines);
  }

  /** Replaces the value after a random key with a value of another field's kind. */
  private static String replaceValue(String text, Random random) {
    int at = random.nextInt(text.length());
    int colon = text.indexOf("\": ", at);
    if (colon < 0) {
      return text;
    }
    int start = colon + 3;
    int end = start;
    while (end < text.length() && ",\n}".indexOf(text.charAt(end)) < 0) {
      end++;
    }
    return text.substring(0, start) + WORDS[random.nextInt(WORDS.length)] + text.substring(end);
  }

  private static String replaceNumber(String text, Random random, UnaryOperator<String> change) {
    List<int[]> spans = new ArrayList<>();
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    int[] s = spans.get(random.nextInt(spans.size()));
    return text.substring(0, s[0]) + change.apply(text.substring(s[0], s[1])) + text.substring(s[1]);
  }
}
