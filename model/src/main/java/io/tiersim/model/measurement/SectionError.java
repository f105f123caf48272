package io.tiersim.model.measurement;

import io.tiersim.model.io.Require;

/** A failure outside any series or setting (no GPU, a broken driver), recorded instead of aborting. */
public record SectionError(String section, String message) {
  public SectionError {
    Require.nonBlank(section, "section");
    Require.nonBlank(message, "message");
  }
}
