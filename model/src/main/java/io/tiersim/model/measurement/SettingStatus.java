package io.tiersim.model.measurement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What became of one end-to-end setting; {@code oom} is a result in itself (the run did not fit). */
public enum SettingStatus {
  OK, SKIPPED, ERROR, OOM;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SettingStatus fromKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("expected one of "
            + Arrays.stream(values()).map(SettingStatus::key).collect(Collectors.joining(", ")) + ", got '" + key + "'"));
  }
}
