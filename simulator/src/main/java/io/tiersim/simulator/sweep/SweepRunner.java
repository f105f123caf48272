package io.tiersim.simulator.sweep;

import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.apache.commons.csv.CSVFormat;

/**
 * Runs a sweep into an output folder: every cell not already in the journal is evaluated on a
 * pool of {@code threads} workers, its rows appended as they complete; when the grid is complete
 * the ordered outputs and answers are written and the journal removed. A rerun of the same sweep
 * resumes from the journal (or, when it finished, only rewrites the derived files); a folder that
 * holds another sweep's results, or rows of another column layout (an older tiersim), is refused
 * unless {@code fresh} clears it first.
 */
public final class SweepRunner {
  /** Progress as points complete; called from worker threads. */
  public interface Listener {
    void started(long points, long alreadyDone);

    void advanced(long points);

    Listener NONE = new Listener() {
      @Override
      public void started(long points, long alreadyDone) {}

      @Override
      public void advanced(long points) {}
    };
  }

  /**
   * @param computed points evaluated by this run
   * @param resumed points found already done
   * @param complete whether the grid is finished and the final files written
   */
  public record Outcome(long points, long computed, long resumed, long droppedJournalBytes, boolean complete,
      SweepAnswers answers) {}

  private static final CSVFormat ROW = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

  private final SweepPlan plan;
  private final Path dir;
  private final int threads;
  private final Listener listener;

  public SweepRunner(SweepPlan plan, Path dir, int threads, Listener listener) {
    this.plan = plan;
    this.dir = dir;
    this.threads = Math.max(1, threads);
    this.listener = listener;
  }

  /**
   * Checks that {@code dir} may receive this sweep, before anything is evaluated or written; with
   * {@code fresh}, another sweep's files there are removed instead.
   */
  public void prepare(boolean fresh) {
    SweepManifest existing = SweepOutputs.readManifest(dir);
    boolean foreign = existing == null ? Files.exists(dir.resolve(SweepJournal.FILE))
        : !plan.fingerprint().equals(existing.fingerprint());
    if (foreign && !fresh && existing != null && existing.columns() != null
        && !existing.columns().stream().map(Column::name).toList().equals(SweepColumns.names())) {
      throw new InputException(dir.toString(), 0, null, "this folder holds sweep '" + existing.name() + "' written with "
          + "another row layout (" + existing.columns().size() + " columns, this version writes " + SweepColumns.ALL.size()
          + "), whose rows cannot be resumed or read; pass --fresh to compute them again, or choose another --out");
    }
    if (foreign && !fresh) {
      throw new InputException(dir.toString(), 0, null, "this folder holds the results of another sweep"
          + (existing == null ? "" : " ('" + existing.name() + "')") + "; pass --fresh to replace them, or choose another --out");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new InputException(dir.toString(), 0, null, "cannot create the output folder: " + e.getMessage());
    }
    if (fresh) {
      SweepOutputs.clear(dir);
    }
  }

  /** Runs until the grid is done or {@code cancel} is set; an interrupted run keeps its journal. */
  public Outcome run(AtomicBoolean cancel) {
    SweepManifest existing = SweepOutputs.readManifest(dir);
    if (existing != null && existing.complete() && Files.isRegularFile(dir.resolve(SweepManifest.POINTS_CSV))) {
      listener.started(plan.pointCount(), plan.pointCount());
      return new Outcome(plan.pointCount(), 0, plan.pointCount(), 0, true, SweepOutputs.derive(dir, plan));
    }
    SweepOutputs.writeManifest(dir, SweepManifest.of(plan, false));
    SweepJournal journal = SweepJournal.open(dir, plan.pointCount());
    long resumed = journal.doneCount();
    listener.started(plan.pointCount(), resumed);
    try {
      evaluateAll(journal, cancel);
    } finally {
      journal.close();
    }
    long computed = journal.doneCount() - resumed;
    if (journal.doneCount() < plan.pointCount()) {
      return new Outcome(plan.pointCount(), computed, resumed, journal.droppedBytes(), false, null);
    }
    SweepAnswers answers = SweepOutputs.finish(dir, plan, journal);
    SweepOutputs.writeManifest(dir, SweepManifest.of(plan, true));
    try {
      Files.deleteIfExists(journal.file());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the journal " + journal.file(), e);
    }
    return new Outcome(plan.pointCount(), computed, resumed, journal.droppedBytes(), true, answers);
  }

  private void evaluateAll(SweepJournal journal, AtomicBoolean cancel) {
    PointEvaluator evaluator = new PointEvaluator(plan);
    int rates = plan.ratesPerCell();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> LongStream.range(0, plan.cellCount()).parallel().forEach(cell -> {
        if (cancel.get() || allDone(journal, cell * rates, rates)) {
          return;
        }
        CellResult r = evaluator.evaluate(plan.cell(cell));
        long[] points = new long[rates];
        String[] lines = new String[rates];
        int n = 0;
        for (int i = 0; i < rates; i++) {
          long point = cell * rates + i;
          if (!journal.isDone(point)) {
            points[n] = point;
            lines[n++] = ROW.format((Object[]) SweepColumns.values(point, r, plan.slo(), plan.rate(i))) + "\n";
          }
        }
        journal.append(java.util.Arrays.copyOf(points, n), java.util.Arrays.copyOf(lines, n));
        listener.advanced(n);
      })).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel.set(true);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean allDone(SweepJournal journal, long first, int count) {
    for (int i = 0; i < count; i++) {
      if (!journal.isDone(first + i)) {
        return false;
      }
    }
    return true;
  }
}
