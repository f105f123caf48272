package io.tiersim.model.measurement;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a file was made: measured on a GPU, or synthetic ({@code --dry-run}, {@code --cpu-smoke}). */
public enum ProbeMode {
  GPU,
  /** Synthetic values from the probe's roofline model, no GPU touched. */
  DRY_RUN,
  /** The torch code run on a CPU at toy sizes to test the probe; the values mean nothing. */
  CPU_SMOKE;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static ProbeMode fromKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("expected one of "
            + Arrays.stream(values()).map(ProbeMode::key).collect(Collectors.joining(", ")) + ", got '" + key + "'"));
  }

  /** Whether the values were measured on a GPU. */
  public boolean measured() {
    return this == GPU;
  }
}
