package io.tiersim.model.quality;

import io.tiersim.model.io.Require;

/**
 * The whole-model quality loss of one method as a paper reports it.
 *
 * @param lossPct relative loss in percent (perplexity rise or benchmark-average drop)
 * @param basis {@code quoted} (computed from the numbers in {@code derivation}) or {@code recalled}
 *     (read by us, not re-checked against a stored copy)
 */
public record MethodLoss(String method, Double lossPct, String metric, String derivation, String citation, String basis) {
  public MethodLoss {
    Require.nonBlank(method, "method");
    Require.nonNegative(Require.present(lossPct, "loss_pct"), "loss_pct");
    Require.nonBlank(metric, "metric");
    Require.nonBlank(derivation, "derivation");
    Require.nonBlank(citation, "citation");
    if (!"quoted".equals(basis) && !"recalled".equals(basis)) {
      throw new IllegalArgumentException("basis: expected 'quoted' or 'recalled', got '" + basis + "'");
    }
  }
}
