package io.tiersim.model.measurement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which phase an end-to-end setting timed: one whole-prompt prefill, or single-token decode steps. */
public enum SettingPhase {
  PREFILL, DECODE;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SettingPhase fromKey(String key) {
    for (SettingPhase p : values()) {
      if (p.key().equals(key)) {
        return p;
      }
    }
    throw new IllegalArgumentException("expected prefill or decode, got '" + key + "'");
  }
}
