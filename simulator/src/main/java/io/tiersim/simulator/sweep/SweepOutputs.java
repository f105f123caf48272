package io.tiersim.simulator.sweep;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The files of a sweep's output folder: the manifest, the journal while running, and at the end
 * the ordered {@code points.csv}, the same rows as {@code points.json} (an array of flat records,
 * one per line, that {@code pandas.read_json} reads), and the capacity answers. Every finished
 * file is written to a temporary name and moved into place, so none is ever half there.
 */
public final class SweepOutputs {
  static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT);

  static final CSVFormat READ = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();

  private SweepOutputs() {}

  /** The manifest already in {@code dir}, or null. */
  static SweepManifest readManifest(Path dir) {
    Path f = dir.resolve(SweepManifest.FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      return JSON.readValue(f.toFile(), SweepManifest.class);
    } catch (IOException e) {
      return null; // unreadable: treated as foreign below
    }
  }

  static void writeManifest(Path dir, SweepManifest m) {
    writeAtomically(dir.resolve(SweepManifest.FILE), out -> {
      out.write(JSON.writeValueAsBytes(m));
      out.write('\n');
    });
  }

  /** Removes the files a sweep writes (for {@code --fresh}); other files in the folder stay. */
  static void clear(Path dir) {
    for (String f : List.of(SweepManifest.FILE, SweepJournal.FILE, SweepManifest.POINTS_CSV, SweepManifest.POINTS_JSON,
        SweepManifest.ANSWERS_JSON, SweepManifest.ANSWERS_MD)) {
      try {
        Files.deleteIfExists(dir.resolve(f));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + dir.resolve(f), e);
      }
    }
  }

  /** Writes points.csv from the journal, then points.json and the answers from points.csv. */
  static SweepAnswers finish(Path dir, SweepPlan plan, SweepJournal journal) {
    writeAtomically(dir.resolve(SweepManifest.POINTS_CSV), journal::writeOrdered);
    return derive(dir, plan);
  }

  /** Writes points.json and the answers from an ordered points.csv. */
  static SweepAnswers derive(Path dir, SweepPlan plan) {
    SweepAnswers.Builder answers = new SweepAnswers.Builder();
    writeAtomically(dir.resolve(SweepManifest.POINTS_JSON), out -> {
      try (Reader in = Files.newBufferedReader(dir.resolve(SweepManifest.POINTS_CSV), StandardCharsets.UTF_8);
          CSVParser csv = CSVParser.builder().setReader(in).setFormat(READ).get();
          JsonGenerator json = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
        json.setRootValueSeparator(null);
        json.writeRaw("[");
        boolean first = true;
        for (CSVRecord r : csv) {
          json.writeRaw(first ? "\n" : ",\n");
          first = false;
          writeRow(json, r);
          List<String> broken = SweepInvariants.violations(r);
          if (!broken.isEmpty()) {
            throw new IllegalStateException("sweep row " + r.get("point") + " breaks: " + String.join("; ", broken));
          }
          answers.add(PointRow.of(r));
        }
        json.writeRaw(first ? "]\n" : "\n]\n");
      }
    });
    SweepAnswers a = answers.build();
    writeAtomically(dir.resolve(SweepManifest.ANSWERS_JSON), out -> {
      out.write(JSON.writeValueAsBytes(a));
      out.write('\n');
    });
    writeAtomically(dir.resolve(SweepManifest.ANSWERS_MD),
        out -> out.write(AnswersMarkdown.write(plan, a).getBytes(StandardCharsets.UTF_8)));
    return a;
  }

  /** One flat JSON object with each value typed by its column; numbers keep their CSV text. */
  private static void writeRow(JsonGenerator json, CSVRecord r) throws IOException {
    json.writeStartObject();
    List<Column> cols = SweepColumns.ALL;
    for (int i = 0; i < cols.size(); i++) {
      Column c = cols.get(i);
      String v = r.get(i);
      json.writeFieldName(c.name());
      if (v.isEmpty() && c.type() != Column.Type.TEXT) {
        json.writeNull();
      } else {
        switch (c.type()) {
          case INTEGER, NUMBER -> json.writeNumber(v);
          case BOOLEAN -> json.writeBoolean(Boolean.parseBoolean(v));
          default -> json.writeString(v);
        }
      }
    }
    json.writeEndObject();
    json.flush();
  }

  /** Temporary files are private; the results they become are not. */
  static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  interface Body {
    void write(OutputStream out) throws IOException;
  }

  static void writeAtomically(Path target, Body body) {
    try {
      Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tiersim-", ".tmp");
      try {
        readableByAll(tmp);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
          body.write(out);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
