package io.tiersim.model.measurement;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a document once as strict JSON before it is bound, so that a truncated file, a stray
 * comma or a {@code NaN} is reported with the path of the value being read ({@code
 * microbenchmarks[3].points[7]}) rather than only a line: a YAML parser would accept some of
 * these and say less about the rest.
 */
final class JsonSyntax {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonSyntax() {}

  static void check(String origin, String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) {
        throw new InputException(origin, 1, null, "the file is empty; expected a probe measurement file (JSON)");
      }
      p.skipChildren();
      int end = p.currentLocation().getLineNr();
      try {
        if (p.nextToken() != null) {
          throw new InputException(origin, p.currentTokenLocation().getLineNr(), null,
              "unexpected content after the end of the JSON document");
        }
      } catch (JsonProcessingException e) {
        throw new InputException(origin, Math.max(end, e.getLocation() == null ? 0 : e.getLocation().getLineNr()),
            null, "unexpected content after the end of the JSON document: " + describe(e));
      }
    } catch (JsonProcessingException e) {
      JsonParser parser = e.getProcessor() instanceof JsonParser jp ? jp : null;
      String path = parser == null ? null : pathOf(parser.getParsingContext());
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new InputException(origin, line, path == null || path.isEmpty() ? null : path, describe(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String describe(JsonProcessingException e) {
    String msg = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
    msg = msg.replaceAll("\\s*\\(start marker at \\[Source: [^]]*\\]\\)", "").replaceAll("\\s+", " ").trim();
    if (msg.contains("end-of-input")) {
      return "the file ends early (truncated?): " + msg;
    }
    return "malformed JSON: " + msg;
  }

  /** The dotted path of the value the parser was inside, e.g. {@code microbenchmarks[3].points}. */
  private static String pathOf(JsonStreamContext ctx) {
    StringBuilder sb = new StringBuilder();
    java.util.Deque<String> parts = new java.util.ArrayDeque<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    parts.forEach(sb::append);
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }
}
