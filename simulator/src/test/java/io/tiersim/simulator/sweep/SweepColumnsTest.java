package io.tiersim.simulator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class SweepColumnsTest {
  @ParameterizedTest
  @CsvSource({"0.0782625123, 0.0782625", "45794.567, 45794.6", "1234567891, 1234570000", "16964520448.7, 16964500000",
      "2.0, 2", "0.1, 0.1", "-3.14159265, -3.14159", "1e-7, 1.0E-7", "123456.7, 123457", "0.5, 0.5", "0, 0"})
  void number_roundsToSixSignificantDigits(double value, String text) {
    assertThat(SweepColumns.number(value)).isEqualTo(text);
  }

  @org.junit.jupiter.api.Test
  void number_emptyForMissingOrNotFinite() {
    assertThat(SweepColumns.number(null)).isEmpty();
    assertThat(SweepColumns.number(Double.NaN)).isEmpty();
    assertThat(SweepColumns.number(Double.POSITIVE_INFINITY)).isEmpty();
  }
}
