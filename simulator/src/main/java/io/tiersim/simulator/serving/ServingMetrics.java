package io.tiersim.simulator.serving;

import io.tiersim.model.Tier;
import io.tiersim.model.scenario.SloConfig;
import io.tiersim.simulator.result.TierBytes;
import java.util.Arrays;
import java.util.Locale;

/**
 * Summarises a serving run: latency percentiles, throughput, SLO attainment and goodput, and
 * whether the rate was sustained. A finite run always ends (the queue drains once arrivals stop),
 * so an overload shows as a queue that grows while requests still arrive: if the number of
 * requests in the system when the last one arrives exceeds the number half-way through the
 * arrivals by more than the running-sequence cap and by more than a quarter (a queue that grows
 * linearly doubles between the two), the rate is reported as not sustained.
 */
public final class ServingMetrics {
  static final int MIN_REQUESTS_TO_JUDGE = 100;

  private ServingMetrics() {}

  public static ServingResult summarize(ServingRun run, SloConfig slo, int maxSequences) {
    Requests req = run.requests();
    int n = req.size();
    double[] ttft = new double[n];
    double[] tpot = new double[n];
    double[] e2e = new double[n];
    int done = 0;
    int withTpot = 0;
    int met = 0;
    int rejected = 0;
    long outTokens = 0;
    long allTokens = 0;
    double firstArrival = n == 0 ? 0 : req.arrivalS(0);
    double end = firstArrival;
    for (int i = 0; i < n; i++) {
      if (!run.completed(i)) {
        rejected++;
        continue;
      }
      double t = run.firstTokenS()[i] - req.arrivalS(i);
      double e = run.finishS()[i] - req.arrivalS(i);
      int out = req.outputTokens(i);
      double p = out > 1 ? (run.finishS()[i] - run.firstTokenS()[i]) / (out - 1) : 0;
      ttft[done] = t;
      e2e[done] = e;
      if (out > 1) {
        tpot[withTpot++] = p;
      }
      done++;
      if (slo != null && slo.met(t, p, e)) {
        met++;
      }
      outTokens += out;
      allTokens += out + req.promptTokens(i);
      end = Math.max(end, run.finishS()[i]);
    }
    double duration = end - firstArrival;
    String judged = sustainability(run, maxSequences);
    KvLayout layout = run.layout();
    MemoryTimeline tl = run.timeline();
    return new ServingResult(run.strategy(), req.ratePerS(), n, done, rejected, run.preemptions(), run.swapOuts(),
        duration, rate(done, duration), rate(outTokens, duration), rate(allTokens, duration),
        LatencyStats.of(ttft, done), LatencyStats.of(tpot, withTpot), LatencyStats.of(e2e, done),
        slo, slo == null ? null : n == 0 ? 0.0 : (double) met / n, slo == null ? null : rate(met, duration),
        judged == null, judged, layout.blockTokens, layout.totalBlocks, layout.swapBlocks, run.iterations(),
        run.pricedCompositions(), TierBytes.of((Tier t) -> Math.round(tl.peak(t))), tl.samples(), run.shortfall(), null);
  }

  private static double rate(double count, double seconds) {
    return seconds > 0 ? count / seconds : 0;
  }

  /** Null when the rate was sustained, else why not. */
  static String sustainability(ServingRun run, int maxSequences) {
    Requests req = run.requests();
    int n = req.size();
    if (run.shortfall() != null) {
      return "the strategy leaves no memory for KV blocks: " + run.shortfall();
    }
    if (n < MIN_REQUESTS_TO_JUDGE) {
      return null;
    }
    double[] finish = new double[n];
    for (int i = 0; i < n; i++) {
      finish[i] = Double.isNaN(run.finishS()[i]) ? req.arrivalS(i) : run.finishS()[i];
    }
    Arrays.sort(finish);
    int mid = n / 2;
    long atMid = inSystem(req, finish, mid);
    long atLast = inSystem(req, finish, n - 1);
    long growth = atLast - atMid;
    if (growth <= maxSequences || growth <= atLast / 4) {
      return null;
    }
    double last = finish[n - 1] - req.arrivalS(0);
    double served = last > 0 ? n / last : 0;
    return String.format(Locale.ROOT, "offered %.4g requests/s but the server completes about %.4g/s: requests in the"
        + " system grew from %d half-way through the arrivals to %d at the last arrival", req.ratePerS(), served, atMid, atLast);
  }

  /** Requests that arrived by the arrival of request {@code i} and had not finished. */
  private static long inSystem(Requests req, double[] sortedFinish, int i) {
    double t = req.arrivalS(i);
    int finishedBy = upperBound(sortedFinish, t);
    return (i + 1L) - finishedBy;
  }

  private static int upperBound(double[] a, double v) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int m = (lo + hi) >>> 1;
      if (a[m] <= v) {
        lo = m + 1;
      } else {
        hi = m;
      }
    }
    return lo;
  }
}
