package io.tiersim.cli;

import io.tiersim.simulator.event.ChromeTrace;
import io.tiersim.simulator.event.EventComparison;
import io.tiersim.simulator.event.EventReport;
import io.tiersim.simulator.result.ScenarioResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** Text output and trace files shared by {@code simulate --engine event} and {@code serve}. */
final class EventCommands {
  /** Events a trace keeps before it drops the rest (about 100 MB of JSON). */
  static final int TRACE_EVENT_LIMIT = 1_000_000;

  private EventCommands() {}

  static String table(EventReport r) {
    StringBuilder sb = new StringBuilder(SimulateCommand.table(new ScenarioResult(r.scenario(), r.results()), "event engine"));
    sb.append(String.format("%nEvent engine against the analytic engine:%n%n"));
    TextTable t = new TextTable("strategy", "schedule", "depth", "event", "analytic", "difference", "why");
    for (EventComparison c : r.event()) {
      t.row(c.strategy(), c.schedule(), c.prefetchDepth(), Seconds.of(c.eventS()),
          c.analyticS() == null ? "-" : Seconds.of(c.analyticS()),
          c.difference() == null ? "-" : String.format(Locale.ROOT, "%+.2f%%", 100 * c.difference()), c.explanation());
    }
    sb.append(t.render());
    return sb.toString();
  }

  /** Writes the trace atomically, with a line on standard error when events were dropped. */
  static void emitTrace(ChromeTrace trace, Path file, PrintWriter err) {
    if (trace == null || file == null) {
      return;
    }
    Output.emit(trace.toJson(), file, err);
    if (trace.truncated()) {
      err.printf(Locale.ROOT, "tiersim: the trace keeps the first %,d events; %,d later ones were dropped%n",
          trace.events(), trace.droppedEvents());
      err.flush();
    }
  }
}
