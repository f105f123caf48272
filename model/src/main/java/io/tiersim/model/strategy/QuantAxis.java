package io.tiersim.model.strategy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which elements share a quantisation scale. {@code CHANNEL}: one channel across a group of
 * tokens (KIVI's keys); {@code TOKEN}: one token across a group of channels (KIVI's values).
 */
public enum QuantAxis {
  @JsonProperty("channel") CHANNEL,
  @JsonProperty("token") TOKEN;

  @Override
  public String toString() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
