package io.tiersim.simulator.engine;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The range a timing prediction spans when every efficiency parameter moves to either end of its
 * bounds (see {@code CalibratedEfficiency.at}): a fitted parameter's 95 % confidence interval, or
 * the range a prior's sources span where no point measures the curve (the fraction of spec
 * bandwidth, GEMM and attention efficiency, launch and copy latencies). Parameters read off a
 * single point, or set by a figure without a stated range, move nothing: the range says what the
 * measurements and the priors leave open, not what the model may miss.
 */
@JsonPropertyOrder({"ttft_s", "tpot_s", "generation_tokens_per_s", "basis"})
public record TimingInterval(Range ttftS, Range tpotS, Range generationTokensPerS, String basis) {

  /** Low and high ends. */
  public record Range(double low, double high) {
    public Range {
      if (low > high) {
        throw new IllegalArgumentException("range: low " + low + " above high " + high);
      }
    }

    public boolean contains(double v) {
      return v >= low && v <= high;
    }
  }

  public static final String BASIS = "95% confidence intervals of the fitted efficiency curves and the stated ranges of the priors"
      + " where no point measures a curve; single points and priors without a range contribute none";

  /** The interval spanned by an optimistic and a pessimistic timing. */
  public static TimingInterval of(Timing optimistic, Timing pessimistic) {
    return new TimingInterval(
        range(optimistic.ttftS(), pessimistic.ttftS()),
        optimistic.tpotS() == null ? null : range(optimistic.tpotS(), pessimistic.tpotS()),
        range(optimistic.generationTokensPerS(), pessimistic.generationTokensPerS()),
        BASIS);
  }

  private static Range range(double a, double b) {
    return new Range(Math.min(a, b), Math.max(a, b));
  }
}
