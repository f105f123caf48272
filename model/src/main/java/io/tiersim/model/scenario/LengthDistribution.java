package io.tiersim.model.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tiersim.model.io.Require;

/**
 * A distribution of token counts: {@code fixed} at {@code mean}; {@code uniform} over
 * {@code [min, max]}; {@code exponential} or {@code lognormal} with {@code mean} (lognormal with
 * log-space standard deviation {@code sigma}, default 1), each clipped to {@code [min, max]}.
 */
public record LengthDistribution(Shape distribution, Double mean, Integer min, Integer max, Double sigma) {

  /** The family of the distribution. */
  public enum Shape {
    @JsonProperty("fixed") FIXED,
    @JsonProperty("uniform") UNIFORM,
    @JsonProperty("exponential") EXPONENTIAL,
    @JsonProperty("lognormal") LOGNORMAL
  }

  public LengthDistribution {
    distribution = distribution == null ? Shape.FIXED : distribution;
    min = min == null ? 1 : Require.positive(min, "min");
    if (max != null) {
      Require.positive(max, "max");
      if (max < min) {
        throw new IllegalArgumentException("max: expected at least min (" + min + "), got " + max);
      }
    }
    sigma = sigma == null ? 1.0 : Require.positive(sigma, "sigma");
    if (distribution == Shape.UNIFORM) {
      Require.present(max, "max");
    } else {
      Require.positive(Require.present(mean, "mean"), "mean");
    }
  }

  public static LengthDistribution fixed(int tokens) {
    return new LengthDistribution(Shape.FIXED, (double) tokens, null, null, null);
  }

  /** The upper clip: {@code max}, else a bound far in the tail. */
  public int upper() {
    if (max != null) {
      return max;
    }
    return distribution == Shape.FIXED ? (int) Math.round(mean) : (int) Math.min(Integer.MAX_VALUE / 4, Math.ceil(mean * 64));
  }
}
