package io.tiersim.simulator.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One column of a sweep's CSV and JSON rows: its stable snake_case name, its type and what it
 * means. An empty CSV cell (JSON null) means "does not apply" (no rate axis, one generated token).
 */
public record Column(String name, Type type, String description) {

  /** How a value is written: integers and numbers unquoted, booleans as true/false, text as is. */
  public enum Type {
    @JsonProperty("integer") INTEGER,
    @JsonProperty("number") NUMBER,
    @JsonProperty("boolean") BOOLEAN,
    @JsonProperty("text") TEXT
  }
}
