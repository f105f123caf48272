package io.tiersim.simulator.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.ArrivalConfig.TraceFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a request trace. Three forms: CSV with a header naming {@code prompt_tokens}, {@code
 * output_tokens} and optionally {@code arrival_s}; a JSON list of records with the same fields;
 * or ShareGPT's JSON (a list of {@code {"conversations": [{"from", "value"}, ...]}}), where, as
 * vLLM's serving benchmark does, the first turn is the prompt and the second the output, and
 * conversations with fewer than two turns are skipped. ShareGPT carries text, not tokens: lengths
 * are estimated at {@link #CHARS_PER_TOKEN} characters per token, the usual figure for English text
 * under BPE tokenizers (OpenAI's rule of thumb); replace with a tokenized trace when it matters.
 * Every problem names the file, the line and the field.
 */
public final class TraceReader {
  static final double CHARS_PER_TOKEN = 4;
  private static final List<String> CSV_COLUMNS = List.of("arrival_s", "prompt_tokens", "output_tokens");

  private TraceReader() {}

  /** The requests of a trace; {@code arrivalS} is null when the trace has no times. */
  public record Trace(double[] arrivalS, int[] prompt, int[] output) {
    public int size() {
      return prompt.length;
    }
  }

  public static Trace read(Path file, TraceFormat format) {
    TraceFormat f = format == TraceFormat.AUTO ? detect(file) : format;
    Trace t = f == TraceFormat.CSV ? csv(file) : json(file, f);
    if (t.size() == 0) {
      throw new InputException(file, 0, null, "the trace has no requests");
    }
    return t;
  }

  private static TraceFormat detect(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".csv") ? TraceFormat.CSV : TraceFormat.AUTO;
  }

  private static Trace csv(Path file) {
    CSVFormat fmt = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
        .setCommentMarker('#').setIgnoreEmptyLines(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); CSVParser p = CSVParser.parse(in, fmt)) {
      List<String> header = p.getHeaderNames();
      for (String h : header) {
        if (!CSV_COLUMNS.contains(h)) {
          throw new InputException(file, 1, h, "unknown column; expected: " + String.join(", ", CSV_COLUMNS));
        }
      }
      for (String need : List.of("prompt_tokens", "output_tokens")) {
        if (!header.contains(need)) {
          throw new InputException(file, 1, need, "missing column; the header must name prompt_tokens and output_tokens");
        }
      }
      boolean timed = header.contains("arrival_s");
      Columns c = new Columns(timed);
      for (CSVRecord r : p) {
        int line = (int) p.getCurrentLineNumber();
        if (!r.isConsistent()) {
          throw new InputException(file, line, null, "expected " + header.size() + " values, got " + r.size());
        }
        c.add(file, line, timed ? r.get("arrival_s") : null, r.get("prompt_tokens"), r.get("output_tokens"));
      }
      return c.trace(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, "file not found");
    } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
      throw new InputException(file, 0, null, "malformed CSV: " + firstLine(e.getMessage()));
    }
  }

  private static Trace json(Path file, TraceFormat format) {
    ObjectMapper mapper = new ObjectMapper();
    try (JsonParser p = new JsonFactory(mapper).createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new InputException(file, p.currentTokenLocation().getLineNr(), null,
            "expected a JSON list of requests (ShareGPT conversations or {arrival_s, prompt_tokens, output_tokens} records)");
      }
      Columns c = null;
      TraceFormat f = format;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        int line = p.currentTokenLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw new InputException(file, line, null, "expected a JSON object for each request, got " + p.currentToken());
        }
        JsonNode node = p.readValueAsTree();
        if (f == TraceFormat.AUTO) {
          f = node.has("conversations") ? TraceFormat.SHAREGPT : TraceFormat.RECORDS;
        }
        if (c == null) {
          c = new Columns(f == TraceFormat.RECORDS && node.has("arrival_s"));
        }
        if (f == TraceFormat.SHAREGPT) {
          shareGpt(file, line, node, c);
        } else {
          record(file, line, node, c);
        }
      }
      return c == null ? new Trace(null, new int[0], new int[0]) : c.trace(file);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, "file not found");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(file, line, null, "malformed JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InputException(file, 0, null, "cannot read the trace: " + e.getMessage());
    }
  }

  private static void shareGpt(Path file, int line, JsonNode node, Columns c) {
    JsonNode conv = node.get("conversations");
    if (conv == null || !conv.isArray()) {
      throw new InputException(file, line, "conversations", "expected a list of turns ({\"from\", \"value\"})");
    }
    if (conv.size() < 2) {
      return;
    }
    c.add(file, line, null, String.valueOf(tokens(file, line, conv.get(0))), String.valueOf(tokens(file, line, conv.get(1))));
  }

  private static int tokens(Path file, int line, JsonNode turn) {
    JsonNode v = turn == null ? null : turn.get("value");
    if (v == null || !v.isTextual()) {
      throw new InputException(file, line, "conversations.value", "expected each turn to have a text 'value'");
    }
    return (int) Math.max(1, Math.ceil(v.asText().length() / CHARS_PER_TOKEN));
  }

  private static void record(Path file, int line, JsonNode node, Columns c) {
    var names = node.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!CSV_COLUMNS.contains(n)) {
        throw new InputException(file, line, n, "unknown field; expected: " + String.join(", ", CSV_COLUMNS));
      }
    }
    c.add(file, line, c.timed ? text(node, "arrival_s") : null, text(node, "prompt_tokens"), text(node, "output_tokens"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /** Growing columns with the checks every form shares. */
  private static final class Columns {
    final boolean timed;
    int size;
    double[] arrival = new double[64];
    int[] prompt = new int[64];
    int[] output = new int[64];

    Columns(boolean timed) {
      this.timed = timed;
    }

    void add(Path file, int line, String arrivalS, String promptTokens, String outputTokens) {
      if (size == prompt.length) {
        arrival = Arrays.copyOf(arrival, size * 2);
        prompt = Arrays.copyOf(prompt, size * 2);
        output = Arrays.copyOf(output, size * 2);
      }
      if (timed) {
        double t = number(file, line, "arrival_s", arrivalS);
        if (size > 0 && t < arrival[size - 1]) {
          throw new InputException(file, line, "arrival_s", "expected arrival times in increasing order, got " + arrivalS
              + " after " + arrival[size - 1]);
        }
        arrival[size] = t;
      }
      prompt[size] = count(file, line, "prompt_tokens", promptTokens);
      output[size] = count(file, line, "output_tokens", outputTokens);
      size++;
    }

    Trace trace(Path file) {
      return new Trace(timed ? Arrays.copyOf(arrival, size) : null, Arrays.copyOf(prompt, size), Arrays.copyOf(output, size));
    }
  }

  private static double number(Path file, int line, String field, String v) {
    try {
      double d = Double.parseDouble(require(file, line, field, v));
      if (d >= 0 && Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(file, line, field, "expected zero or a positive number of seconds, got '" + v + "'");
  }

  private static int count(Path file, int line, String field, String v) {
    try {
      int n = Integer.parseInt(require(file, line, field, v));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InputException(file, line, field, "expected a positive integer, got '" + v + "'");
  }

  private static String require(Path file, int line, String field, String v) {
    if (v == null || v.isBlank()) {
      throw new InputException(file, line, field, "missing; every request needs it");
    }
    return v.trim();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
