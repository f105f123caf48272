package io.tiersim.simulator.validation;

/** A published row, what tiersim predicts for it, and whether the difference is acceptable. */
public record RowResult(PublishedRow row, double predicted, double error, Status status) {

  /** Within tolerance; outside it but explained in the manifest; or outside and unexplained. */
  public enum Status { WITHIN, EXPLAINED, UNEXPLAINED }

  public double absError() {
    return Math.abs(error);
  }
}
