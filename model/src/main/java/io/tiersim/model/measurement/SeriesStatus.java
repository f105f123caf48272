package io.tiersim.model.measurement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What became of a series or of the end-to-end section: every point ran ({@code ok}), the time
 * budget cut it ({@code partial}), nothing ran by design or budget ({@code skipped}), or it failed.
 */
public enum SeriesStatus {
  OK, PARTIAL, SKIPPED, ERROR;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static SeriesStatus fromKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("expected one of "
            + Arrays.stream(values()).map(SeriesStatus::key).collect(Collectors.joining(", ")) + ", got '" + key + "'"));
  }

  /** Whether the series carries measured points. */
  public boolean hasPoints() {
    return this == OK || this == PARTIAL;
  }
}
