package io.tiersim.simulator.sweep;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The rows of a running sweep, appended in the order they complete, one line each, so that an
 * interrupted run keeps what it computed and a rerun skips it. Only the byte offset and length of
 * each point's line is held in memory (12 bytes a point), never the rows. A line cut short by a
 * crash, or one that does not parse, ends the journal there and is dropped on reopening.
 */
final class SweepJournal implements Closeable {
  static final String FILE = "points.partial.csv";

  private final Path file;
  private final long[] offsets;
  private final int[] lengths;
  private final BitSet done;
  private final OutputStream out;
  private long position;
  private long dropped;
  private boolean closed;

  private SweepJournal(Path file, int points) throws IOException {
    this.file = file;
    this.offsets = new long[points];
    this.lengths = new int[points];
    Arrays.fill(offsets, -1);
    this.done = new BitSet(points);
    byte[] header = (String.join(",", SweepColumns.names()) + "\n").getBytes(StandardCharsets.UTF_8);
    if (!Files.exists(file) || !scan(header)) {
      Files.write(file, header);
      done.clear();
      Arrays.fill(offsets, -1);
    }
    this.position = Files.size(file);
    this.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 1 << 16);
  }

  /** Opens the journal in {@code dir}, reading what an earlier run of the same sweep left. */
  static SweepJournal open(Path dir, long points) {
    if (points > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a sweep holds at most " + Integer.MAX_VALUE + " points, got " + points);
    }
    try {
      return new SweepJournal(dir.resolve(FILE), (int) points);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the sweep journal " + dir.resolve(FILE), e);
    }
  }

  /** Reads the existing lines; false when the header differs (an older layout), so the file is restarted. */
  private boolean scan(byte[] header) throws IOException {
    long validEnd;
    try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      byte[] first = in.readNBytes(header.length);
      if (!Arrays.equals(first, header)) {
        return false;
      }
      validEnd = header.length;
      LineReader lines = new LineReader(in);
      byte[] line;
      long start = validEnd;
      while ((line = lines.next()) != null) {
        if (line[line.length - 1] != '\n') {
          break; // torn by a crash
        }
        long point = point(line);
        if (point < 0 || point >= offsets.length || commas(line) != SweepColumns.ALL.size() - 1) {
          break;
        }
        if (!done.get((int) point)) {
          done.set((int) point);
          offsets[(int) point] = start;
          lengths[(int) point] = line.length;
        }
        start += line.length;
        validEnd = start;
      }
    }
    long size = Files.size(file);
    if (validEnd < size) {
      dropped = size - validEnd;
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(validEnd);
      }
    }
    return true;
  }

  /** The leading point number of a line, or -1. */
  private static long point(byte[] line) {
    long v = 0;
    int i = 0;
    for (; i < line.length && line[i] != ','; i++) {
      if (line[i] < '0' || line[i] > '9' || i > 12) {
        return -1;
      }
      v = v * 10 + (line[i] - '0');
    }
    return i == 0 || i == line.length ? -1 : v;
  }

  /** Field separators outside quotes. */
  private static int commas(byte[] line) {
    int n = 0;
    boolean quoted = false;
    for (byte b : line) {
      if (b == '"') {
        quoted = !quoted;
      } else if (b == ',' && !quoted) {
        n++;
      }
    }
    return n;
  }

  boolean isDone(long point) {
    return done.get((int) point);
  }

  synchronized long doneCount() {
    return done.cardinality();
  }

  /** Bytes of a torn or unreadable tail dropped on opening. */
  long droppedBytes() {
    return dropped;
  }

  /** Appends finished lines (each ending in a newline); ignored once closed (an interrupt won the race). */
  synchronized void append(long[] points, String[] lines) {
    if (closed) {
      return;
    }
    try {
      for (int i = 0; i < points.length; i++) {
        byte[] bytes = lines[i].getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        int p = (int) points[i];
        offsets[p] = position;
        lengths[p] = bytes.length;
        done.set(p);
        position += bytes.length;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep journal " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the sweep journal " + file, e);
    }
  }

  /** Writes the header and every point's line in point order; the journal must be closed and complete. */
  synchronized void writeOrdered(OutputStream target) throws IOException {
    if (!closed || done.cardinality() != offsets.length) {
      throw new IllegalStateException("journal not complete: " + done.cardinality() + " of " + offsets.length);
    }
    target.write((String.join(",", SweepColumns.names()) + "\n").getBytes(StandardCharsets.UTF_8));
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 12);
      for (int p = 0; p < offsets.length; p++) {
        if (buf.capacity() < lengths[p]) {
          buf = ByteBuffer.allocate(lengths[p]);
        }
        buf.clear().limit(lengths[p]);
        long at = offsets[p];
        while (buf.hasRemaining()) {
          if (ch.read(buf, at + buf.position()) < 0) {
            throw new IOException("journal ended early at point " + p);
          }
        }
        target.write(buf.array(), 0, lengths[p]);
      }
    }
  }

  Path file() {
    return file;
  }

  /** Splits a stream into lines that keep their newline; the last may lack one. */
  private static final class LineReader {
    private final InputStream in;
    private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(512);

    LineReader(InputStream in) {
      this.in = in;
    }

    byte[] next() throws IOException {
      line.reset();
      int b;
      while ((b = in.read()) >= 0) {
        line.write(b);
        if (b == '\n') {
          break;
        }
      }
      return line.size() == 0 ? null : line.toByteArray();
    }
  }
}
