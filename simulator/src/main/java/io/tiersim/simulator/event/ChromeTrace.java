package io.tiersim.simulator.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated timeline in Chrome's trace-event format (the JSON object form with {@code
 * traceEvents}), which Perfetto and {@code chrome://tracing} open: one process per simulated run,
 * one thread row per server, a complete event ({@code "ph": "X"}) per task, and counter events
 * ({@code "ph": "C"}) for memory over time. Times are written in microseconds. Past {@code
 * maxEvents} events the rest are dropped and the trace says so in its metadata.
 */
public final class ChromeTrace {
  private final int maxEvents;
  private final List<String> processes = new ArrayList<>();
  private final List<List<String>> threads = new ArrayList<>();
  private final Map<String, Integer> names = new HashMap<>();
  private final List<String> nameList = new ArrayList<>();
  private int size;
  private int[] pid = new int[1024];
  private int[] tid = new int[1024];
  private int[] name = new int[1024];
  private double[] startUs = new double[1024];
  private double[] durUs = new double[1024];
  private final List<Counter> counters = new ArrayList<>();
  private long dropped;

  private record Counter(int pid, String name, double timeUs, String[] series, double[] values) {}

  public ChromeTrace(int maxEvents) {
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("trace: expected a positive event limit, got " + maxEvents);
    }
    this.maxEvents = maxEvents;
  }

  /** A new process (a strategy's run); returns its id. */
  public int process(String label) {
    processes.add(label);
    threads.add(new ArrayList<>());
    return processes.size();
  }

  /** The row for {@code label} in process {@code process}, created on first use; returns its id. */
  public int thread(int process, String label) {
    List<String> rows = threads.get(process - 1);
    int i = rows.indexOf(label);
    if (i < 0) {
      rows.add(label);
      i = rows.size() - 1;
    }
    return i + 1;
  }

  /** A task that ran on a row from {@code startS} for {@code durationS}. */
  public void span(int process, int thread, String label, double startS, double durationS) {
    if (size + counters.size() >= maxEvents) {
      dropped++;
      return;
    }
    if (size == pid.length) {
      int n = size * 2;
      pid = Arrays.copyOf(pid, n);
      tid = Arrays.copyOf(tid, n);
      name = Arrays.copyOf(name, n);
      startUs = Arrays.copyOf(startUs, n);
      durUs = Arrays.copyOf(durUs, n);
    }
    pid[size] = process;
    tid[size] = thread;
    name[size] = names.computeIfAbsent(label, k -> {
      nameList.add(k);
      return nameList.size() - 1;
    });
    startUs[size] = startS * 1e6;
    durUs[size] = durationS * 1e6;
    size++;
  }

  /** Values of a counter track (memory per tier, say) at one time. */
  public void counter(int process, String label, double timeS, String[] series, double[] values) {
    if (size + counters.size() >= maxEvents) {
      dropped++;
      return;
    }
    counters.add(new Counter(process, label, timeS * 1e6, series.clone(), values.clone()));
  }

  public boolean truncated() {
    return dropped > 0;
  }

  public long droppedEvents() {
    return dropped;
  }

  public int events() {
    return size + counters.size();
  }

  public String toJson() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("displayTimeUnit", "ms");
      g.writeArrayFieldStart("traceEvents");
      writeMetadata(g);
      for (int i = 0; i < size; i++) {
        g.writeStartObject();
        g.writeStringField("name", nameList.get(name[i]));
        g.writeStringField("ph", "X");
        g.writeNumberField("ts", startUs[i]);
        g.writeNumberField("dur", durUs[i]);
        g.writeNumberField("pid", pid[i]);
        g.writeNumberField("tid", tid[i]);
        g.writeEndObject();
      }
      for (Counter c : counters) {
        g.writeStartObject();
        g.writeStringField("name", c.name());
        g.writeStringField("ph", "C");
        g.writeNumberField("ts", c.timeUs());
        g.writeNumberField("pid", c.pid());
        g.writeObjectFieldStart("args");
        for (int i = 0; i < c.series().length; i++) {
          g.writeNumberField(c.series()[i], c.values()[i]);
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("metadata");
      g.writeStringField("generator", "tiersim event engine");
      g.writeNumberField("dropped_events", dropped);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString() + System.lineSeparator();
  }

  private void writeMetadata(JsonGenerator g) throws IOException {
    for (int p = 1; p <= processes.size(); p++) {
      meta(g, "process_name", p, 0, processes.get(p - 1));
      meta(g, "process_sort_index", p, 0, null);
      List<String> rows = threads.get(p - 1);
      for (int t = 1; t <= rows.size(); t++) {
        meta(g, "thread_name", p, t, rows.get(t - 1));
      }
    }
  }

  private static void meta(JsonGenerator g, String kind, int p, int t, String label) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", kind);
    g.writeStringField("ph", "M");
    g.writeNumberField("pid", p);
    g.writeNumberField("tid", t);
    g.writeObjectFieldStart("args");
    if (label != null) {
      g.writeStringField("name", label);
    } else {
      g.writeNumberField("sort_index", p);
    }
    g.writeEndObject();
    g.writeEndObject();
  }
}
