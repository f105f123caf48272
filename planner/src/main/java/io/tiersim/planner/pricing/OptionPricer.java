package io.tiersim.planner.pricing;

import io.tiersim.model.Tier;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.planner.cost.LayerCost;
import io.tiersim.planner.cost.LayerCostSource;
import io.tiersim.planner.cost.RunCost;
import io.tiersim.planner.quality.QualityModel;
import io.tiersim.planner.space.OptionTable;
import io.tiersim.planner.space.BudgetDimension;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.MemoryReport;
import io.tiersim.simulator.memory.PhaseMemory;
import java.util.Map;

/**
 * Prices every candidate in every layer at one batch size: seconds from the cost source (each layer
 * priced inside the strategy that gives every layer that candidate), bytes per tier and phase from
 * {@link LayerFootprint}, the quality proxy from the quality model, and the no-layer memory of each
 * candidate as the accountant's total for its uniform strategy less the layers' sum.
 */
public final class OptionPricer {
  private final PlanContext context;
  private final LayerCostSource costs;
  private final QualityModel quality;
  private final MemoryAccountant accountant;

  public OptionPricer(PlanContext context, LayerCostSource costs, QualityModel quality) {
    this.context = context;
    this.costs = costs;
    this.quality = quality;
    this.accountant = new MemoryAccountant(context.model(), context.system());
    if (quality.sensitivity().layers() != context.model().numLayers()) {
      throw new IllegalArgumentException("sensitivity: expected " + context.model().numLayers() + " values (one per layer), got "
          + quality.sensitivity().layers());
    }
  }

  public OptionTable table(int batchSize) {
    Workload w = context.workload().withBatchSize(batchSize);
    int layers = context.model().numLayers();
    int options = context.candidates().size();
    BudgetDimension[] rs = BudgetDimension.values();
    double[][] prefill = new double[layers][options];
    double[][] decode = new double[layers][options];
    double[][] link = new double[layers][options];
    double[][][] use = new double[rs.length][layers][options];
    double[][] overhead = new double[rs.length][options];
    RunCost remainder = null;
    for (int o = 0; o < options; o++) {
      Strategy s = context.uniform(o);
      double loss = context.candidates().get(o).qualityLossPct();
      double[] layerSum = new double[rs.length];
      for (int l = 0; l < layers; l++) {
        LayerCost c = costs.price(s, l, w);
        prefill[l][o] = c.prefillS();
        decode[l][o] = c.decodeS();
        link[l][o] = c.hostLinkS();
        Map<BudgetDimension, Double> bytes = LayerFootprint.of(context.model(), s, l, w);
        bytes.put(BudgetDimension.QUALITY, quality.layerLossPct(l, loss));
        for (BudgetDimension r : rs) {
          use[r.ordinal()][l][o] = bytes.get(r);
          layerSum[r.ordinal()] += bytes.get(r);
        }
      }
      MemoryReport report = accountant.account(s, w);
      for (BudgetDimension r : rs) {
        if (r.isMemory()) {
          PhaseMemory phase = r.atPrefill() ? report.prefill() : report.decode();
          overhead[r.ordinal()][o] = Math.max(0, phase.tier(r.tier()).totalBytes() - layerSum[r.ordinal()]);
        }
      }
      if (remainder == null) {
        remainder = costs.remainder(s, w);
      }
    }
    return new OptionTable(batchSize, w.generateTokens(), prefill, decode, link, use, overhead, remainder);
  }

  /** The usable capacity of a tier on the system (GPU less its runtime reserve). */
  public double usableBytes(Tier tier) {
    return accountant.usableCapacity(tier);
  }
}
