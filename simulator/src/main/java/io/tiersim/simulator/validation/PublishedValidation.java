package io.tiersim.simulator.validation;

import io.tiersim.model.Tier;
import io.tiersim.model.io.Document;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.calibration.Bound;
import io.tiersim.simulator.calibration.CalibratedEfficiency;
import io.tiersim.simulator.calibration.ProfileCalibration;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.memory.CapacitySearch;
import io.tiersim.simulator.memory.MemoryAccountant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Predicts every row of a published-results manifest with the same engines {@code tiersim
 * simulate} uses, and compares.
 */
public final class PublishedValidation {
  static final double GIB = 1L << 30;

  private final ScenarioLoader loader;
  private final Path home;
  private final Map<String, Scenario> scenarios = new HashMap<>();
  /** Each system's calibrated curves, fitted once for all its rows and both interval ends. */
  private final Map<String, CalibratedEfficiency> efficiencies = new HashMap<>();

  public PublishedValidation(ScenarioLoader loader, Path home) {
    this.loader = loader;
    this.home = home;
  }

  public ValidationReport run(Document<PublishedManifest> doc) {
    PublishedManifest manifest = doc.value();
    List<RowResult> results = new ArrayList<>();
    for (int i = 0; i < manifest.rows().size(); i++) {
      PublishedRow row = manifest.rows().get(i);
      double predicted = predict(doc, i, row, null);
      double error = row.error(predicted);
      RowResult.Status status = Math.abs(error) <= manifest.tolerance(row.metric()) ? RowResult.Status.WITHIN
          : row.explanation() != null ? RowResult.Status.EXPLAINED : RowResult.Status.UNEXPLAINED;
      double low = Double.NaN;
      double high = Double.NaN;
      if (row.metric().family() == Metric.Family.TIME && !row.isRatio()) {
        double a = predict(doc, i, row, Bound.OPTIMISTIC);
        double b = predict(doc, i, row, Bound.PESSIMISTIC);
        low = Math.min(a, b);
        high = Math.max(a, b);
      }
      results.add(new RowResult(row, predicted, low, high, error, status));
    }
    return new ValidationReport(doc.origin(), manifest, results);
  }

  /** The row's value with the nominal efficiency curves ({@code bound} null) or at one end of their bounds. */
  private double predict(Document<PublishedManifest> doc, int index, PublishedRow row, Bound bound) {
    String at = "rows[" + index + "]";
    Scenario scenario = scenarios.computeIfAbsent(row.scenario(), p -> loader.load(home.resolve(p)));
    double value = value(doc, at + ".strategy", scenario, row, row.strategy(), bound);
    if (!row.isRatio()) {
      return value;
    }
    return value / value(doc, at + ".baseline", scenario, row, row.baseline(), bound);
  }

  private double value(Document<PublishedManifest> doc, String field, Scenario scenario, PublishedRow row, String name,
      Bound bound) {
    Strategy s = scenario.strategies().stream().filter(x -> x.name().equals(name)).findFirst()
        .orElseThrow(() -> doc.error(field, "scenario " + row.scenario() + " has no strategy '" + name + "'; it has "
            + scenario.strategies().stream().map(Strategy::name).toList()));
    MemoryAccountant accountant = new MemoryAccountant(scenario.model(), scenario.system());
    Workload w = scenario.workload();
    if (row.batchSize() != null) {
      w = w.withBatchSize(row.batchSize());
    }
    if (row.maxBatch()) {
      long max = new CapacitySearch(accountant).maxBatch(s, w);
      if (max == 0) {
        throw doc.error(field, "strategy '" + name + "' fits no batch in " + row.scenario());
      }
      w = w.withBatchSize(Math.toIntExact(max));
    }
    return switch (row.metric()) {
      case PEAK_GPU_GIB -> accountant.account(s, w).peakBytes(Tier.GPU) / GIB;
      case KV_CACHE_GIB -> accountant.account(s, w).kvCacheBytes() / GIB;
      default -> time(scenario, s, w, row.metric(), bound);
    };
  }

  private double time(Scenario scenario, Strategy s, Workload w, Metric metric, Bound bound) {
    CalibratedEfficiency nominal = efficiencies.computeIfAbsent(scenario.system().id(),
        id -> ProfileCalibration.fit(scenario.system()));
    CostModel cost = new CostModel(scenario.system(), bound == null ? nominal : nominal.at(bound));
    Timing t = new AnalyticEngine(scenario.model(), cost, scenario.runtime()).estimate(s, w);
    return switch (metric) {
      case GENERATION_TOKENS_PER_S -> t.generationTokensPerS();
      case PREFILL_TOKENS_PER_S -> t.prefillTokensPerS();
      case DECODE_TOKENS_PER_S -> t.decodeTokensPerS() == null ? Double.NaN : t.decodeTokensPerS();
      case TOTAL_LATENCY_S -> t.totalS();
      default -> throw new IllegalStateException("not a time metric: " + metric);
    };
  }

}
