package io.tiersim.simulator.serving;

import io.tiersim.model.io.InputException;
import io.tiersim.model.scenario.ArrivalConfig;
import io.tiersim.model.scenario.LengthDistribution;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The requests of a serving run as parallel arrays, in arrival order: arrival time, prompt and
 * output tokens, and the shared-prefix group and its length ({@code -1} and 0 without one).
 * Arrival times are kept at unit rate and scaled by {@link #atRate}, so a rate search reuses the
 * same draws and the same seed gives the same requests at every rate.
 */
public final class Requests {
  private final double[] unitArrival;
  private final int[] prompt;
  private final int[] output;
  private final int[] group;
  private final int[] sharedTokens;
  private final double baseRate;
  private double scale = 1;

  private Requests(double[] unitArrival, int[] prompt, int[] output, int[] group, int[] sharedTokens, double baseRate) {
    this.unitArrival = unitArrival;
    this.prompt = prompt;
    this.output = output;
    this.group = group;
    this.sharedTokens = sharedTokens;
    this.baseRate = baseRate;
  }

  /** The requests an arrival block describes (a trace is read from its resolved path). */
  public static Requests of(ArrivalConfig a) {
    SplittableRandom rng = new SplittableRandom(a.seed());
    if (a.kind() == ArrivalConfig.Kind.POISSON) {
      int n = a.requests();
      int[] p = new int[n];
      int[] o = new int[n];
      for (int i = 0; i < n; i++) {
        p[i] = draw(a.promptTokens(), rng);
        o[i] = draw(a.outputTokens(), rng);
      }
      return build(poissonTimes(n, rng), p, o, a, a.ratePerS());
    }
    TraceReader.Trace t = TraceReader.read(Path.of(a.trace()), a.format());
    int n = a.requests() == null ? t.size() : Math.min(a.requests(), t.size());
    int[] p = Arrays.copyOf(t.prompt(), n);
    int[] o = Arrays.copyOf(t.output(), n);
    if (t.arrivalS() == null) {
      if (a.ratePerS() == null) {
        throw new InputException(a.trace(), 0, "arrival_s", "the trace has no arrival times; set "
            + "serving.arrival.rate_per_s in the scenario to replay it as a Poisson process");
      }
      return build(poissonTimes(n, rng), p, o, a, a.ratePerS());
    }
    double[] times = Arrays.copyOf(t.arrivalS(), n);
    double span = times[n - 1] - times[0];
    double rate = n > 1 && span > 0 ? (n - 1) / span : 1;
    double[] unit = new double[n];
    for (int i = 0; i < n; i++) {
      unit[i] = (times[i] - times[0]) * rate;
    }
    // A trace plays at its own rate unless the scenario gives one.
    return build(unit, p, o, a, a.ratePerS() != null ? a.ratePerS() : rate).atRate(a.ratePerS() != null ? a.ratePerS() : rate);
  }

  private static Requests build(double[] unit, int[] p, int[] o, ArrivalConfig a, double rate) {
    int n = p.length;
    int[] g = new int[n];
    int[] shared = new int[n];
    Arrays.fill(g, -1);
    ArrivalConfig.SharedPrefix sp = a.sharedPrefix();
    if (sp != null) {
      for (int i = 0; i < n; i++) {
        g[i] = i % sp.groups();
        shared[i] = Math.min(sp.tokens(), p[i] - 1);
      }
    }
    Requests r = new Requests(unit, p, o, g, shared, rate);
    r.scale = 1 / rate;
    return r;
  }

  private static double[] poissonTimes(int n, SplittableRandom rng) {
    double[] t = new double[n];
    double now = 0;
    for (int i = 0; i < n; i++) {
      now += -Math.log(1 - rng.nextDouble());
      t[i] = now;
    }
    return t;
  }

  static int draw(LengthDistribution d, SplittableRandom rng) {
    double x = switch (d.distribution()) {
      case FIXED -> d.mean();
      case UNIFORM -> d.min() + rng.nextInt(d.max() - d.min() + 1);
      case EXPONENTIAL -> -d.mean() * Math.log(1 - rng.nextDouble());
      case LOGNORMAL -> {
        double s = d.sigma();
        double mu = Math.log(d.mean()) - s * s / 2;
        yield Math.exp(mu + s * gaussian(rng));
      }
    };
    long v = Math.round(x);
    return (int) Math.max(d.min(), Math.min(d.upper(), Math.max(1, v)));
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** The same requests arriving at {@code ratePerS} on average. */
  public Requests atRate(double ratePerS) {
    Requests r = new Requests(unitArrival, prompt, output, group, sharedTokens, baseRate);
    r.scale = 1 / ratePerS;
    return r;
  }

  public int size() {
    return prompt.length;
  }

  public double arrivalS(int i) {
    return unitArrival[i] * scale;
  }

  public int promptTokens(int i) {
    return prompt[i];
  }

  public int outputTokens(int i) {
    return output[i];
  }

  /** The shared-prefix group, or -1. */
  public int group(int i) {
    return group[i];
  }

  public int sharedTokens(int i) {
    return sharedTokens[i];
  }

  /** The rate the requests arrive at. */
  public double ratePerS() {
    return 1 / scale;
  }

  /** The rate the arrival block (or the trace's own timing) gives. */
  public double baseRatePerS() {
    return baseRate;
  }

  public double meanPromptTokens() {
    return Arrays.stream(prompt).average().orElse(1);
  }

  public double meanOutputTokens() {
    return Arrays.stream(output).average().orElse(1);
  }

  public int groups() {
    return Arrays.stream(group).max().orElse(-1) + 1;
  }
}
