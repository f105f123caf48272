package io.tiersim.cli.report;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.GpuProfile;
import io.tiersim.model.scenario.Scenario;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.Simulator;
import io.tiersim.simulator.cost.Lane;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Pass;
import io.tiersim.simulator.cost.Resource;
import io.tiersim.simulator.engine.AnalyticEngine;
import io.tiersim.simulator.engine.LayerTime;
import io.tiersim.simulator.memory.KvCacheSizer;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.Phase;
import io.tiersim.simulator.memory.WeightSizer;
import io.tiersim.simulator.result.ScenarioResult;
import io.tiersim.simulator.sweep.CellResult;
import io.tiersim.simulator.sweep.PointEvaluator;
import io.tiersim.simulator.sweep.SweepAxes;
import io.tiersim.simulator.sweep.SweepPlan;
import io.tiersim.simulator.sweep.Slo;
import io.tiersim.simulator.sweep.Variant;
import io.tiersim.simulator.validation.ValidationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a report shows for one scenario: the simulation itself, each strategy's throughput
 * and TPOT over a range of contexts (a small sweep at the scenario's batch), the operators of one
 * layer of the focus strategy placed on the GPU's roofline, that strategy's per-layer bytes and
 * seconds, and (optionally) the published validation.
 *
 * @param focus the strategy whose operators and layers are shown
 * @param validation predicted against published rows, or null when left out
 */
public record ReportData(
    Scenario scenario,
    ScenarioResult result,
    List<CellResult> contextCurve,
    Strategy focus,
    List<RooflinePoint> roofline,
    Roof roof,
    List<LayerRow> layers,
    ValidationReport validation) {

  /** Contexts of the curve: at most this many, evenly spaced in log scale up to the model's window. */
  static final int MAX_CONTEXTS = 12;

  /** One GPU operator of one layer: FLOPs over HBM bytes (x) against achieved FLOP/s (y). */
  public record RooflinePoint(String phase, String operator, double flops, double hbmBytes, double seconds, String bound) {
    public double intensity() {
      return flops / hbmBytes;
    }

    public double flopsPerS() {
      return flops / seconds;
    }
  }

  /** The ceilings of the system's GPUs together: tensor-core and CUDA-core peaks and HBM bandwidth. */
  public record Roof(double tensorFlopsPerS, double cudaFlopsPerS, double hbmBytesPerS) {}

  /** One layer of the focus strategy: its KV (whole batch, end of generation), weights and seconds. */
  public record LayerRow(int layer, double kvBytes, double weightBytes, double prefillS, double decodeS, String policy) {}

  public static ReportData of(Scenario s, String focusName, ValidationReport validation) {
    ScenarioResult result = Simulator.simulate(s);
    Strategy focus = focus(s, focusName);
    AnalyticEngine engine = new AnalyticEngine(s.model(), s.system(), s.runtime());
    return new ReportData(s, result, contextCurve(s), focus, roofline(s, focus, engine), roof(s),
        layers(s, focus, engine), validation);
  }

  /** The named strategy; else the first whose layers differ (a per-layer plan); else the first. */
  static Strategy focus(Scenario s, String name) {
    if (name != null) {
      return s.strategies().stream().filter(x -> x.name().equals(name)).findFirst()
          .orElseThrow(() -> io.tiersim.model.io.InputException.of("--focus", "no strategy '" + name + "' in the scenario; it has "
              + s.strategies().stream().map(Strategy::name).toList()));
    }
    return s.strategies().stream().filter(ReportData::perLayer).findFirst().orElse(s.strategies().get(0));
  }

  static boolean perLayer(Strategy s) {
    String first = policy(s.layer(0));
    return s.layers().stream().anyMatch(p -> !policy(p).equals(first));
  }

  /** A layer's policy in a few words, for the plan table. */
  static String policy(LayerPolicy p) {
    StringBuilder sb = new StringBuilder();
    sb.append("kv ").append(p.kv().keyBits()).append('/').append(p.kv().valueBits()).append(" bit");
    sb.append(", weights ").append(p.weights().bits()).append(" bit");
    if (p.retention() != null) {
      sb.append(", keeps ").append(p.retention().budgetTokens() > 0 ? p.retention().budgetTokens() + " tokens"
          : p.retention().heavyRatio() + p.retention().recentRatio() > 0 ? "a fraction of the prompt" : "a window");
    }
    if (p.mergedWithPrevious()) {
      sb.append(", merged with the previous layer");
    }
    if (p.keyPlacement().gpu() < 1 || p.valuePlacement().gpu() < 1) {
      sb.append(", KV off the GPU");
    }
    if (p.weightPlacement().gpu() < 1) {
      sb.append(", weights off the GPU");
    }
    sb.append(", attention on ").append(p.site().toString().toLowerCase(java.util.Locale.ROOT));
    return sb.toString();
  }

  private static List<CellResult> contextCurve(Scenario s) {
    Workload w = s.workload();
    List<Integer> contexts = contexts(w.generateTokens(), s.model().maxPositionEmbeddings());
    if (contexts.isEmpty()) {
      return List.of();
    }
    SweepAxes axes = new SweepAxes(List.of(w.batchSize()), contexts, null, List.of(Math.max(1, w.generateTokens())), null, null);
    List<Variant> variants = s.strategies().stream().map(x -> Variant.of(x, null, s.model())).toList();
    SweepPlan plan = new SweepPlan(s.name(), null, List.of(new SweepPlan.Block(0, s.model(), s.system(), variants, 0)),
        axes, Slo.NONE, s.runtime(), w.prefillChunkTokens(), List.of());
    PointEvaluator evaluator = new PointEvaluator(plan);
    List<CellResult> out = new ArrayList<>();
    for (long i = 0; i < plan.cellCount(); i++) {
      out.add(evaluator.evaluate(plan.cell(i)));
    }
    return out;
  }

  /**
   * From 1024 tokens (or just above the generated tokens) to the model's window, evenly spaced on a
   * log scale, rounded to multiples of 256.
   */
  static List<Integer> contexts(int generate, int window) {
    long lo = Math.max(1024, generate + 256L);
    List<Integer> out = new ArrayList<>();
    if (lo > window) {
      return out;
    }
    double ratio = Math.pow((double) window / lo, 1.0 / Math.max(1, MAX_CONTEXTS - 1));
    for (int i = 0; i < MAX_CONTEXTS; i++) {
      long c = i == MAX_CONTEXTS - 1 ? window : Math.round(lo * Math.pow(ratio, i) / 256.0) * 256;
      if (c > generate && c <= window && (out.isEmpty() || c > out.get(out.size() - 1))) {
        out.add((int) c);
      }
    }
    return out;
  }

  /** The operators of the focus strategy's middle layer: one prefill pass and a decode step mid-generation. */
  private static List<RooflinePoint> roofline(Scenario s, Strategy focus, AnalyticEngine engine) {
    Workload w = s.workload();
    long gpuBatch = MemoryAccountant.gpuBatch(focus, w.batchSize());
    LayerPolicy p = focus.layer(focus.layers().size() / 2);
    long chunk = w.prefillPassTokens();
    Pass prefill = new Pass(Phase.PREFILL, gpuBatch, chunk, 0, w.promptTokens(), focus.pagedBlockTokens());
    Pass decode = Pass.decode(gpuBatch, w.promptTokens() + w.generateTokens() / 2, w.promptTokens(), focus.pagedBlockTokens());
    List<RooflinePoint> out = new ArrayList<>();
    add(out, "prefill", engine.operators().layer(focus, p, prefill).operators());
    add(out, "decode", engine.operators().layer(focus, p, decode).operators());
    return out;
  }

  private static void add(List<RooflinePoint> out, String phase, List<OpCost> ops) {
    for (OpCost op : ops) {
      double hbm = op.bytesOn(Resource.HBM);
      if (op.lane() == Lane.GPU && op.flops() > 0 && hbm > 0 && op.seconds() > 0) {
        out.add(new RooflinePoint(phase, op.name(), op.flops(), hbm, op.seconds(), op.bound().key()));
      }
    }
  }

  private static Roof roof(Scenario s) {
    GpuProfile g = s.system().gpu();
    int n = s.system().gpuCount();
    double tensor = g.supports(io.tiersim.model.DataType.FP16) ? g.peakTensorFlopsPerS(io.tiersim.model.DataType.FP16)
        : g.peakTensorFlopsPerS(io.tiersim.model.DataType.BF16);
    return new Roof(n * tensor, n * g.cudaCoreFlopsPerS(), n * g.hbmBandwidthBytesPerS());
  }

  private static List<LayerRow> layers(Scenario s, Strategy focus, AnalyticEngine engine) {
    Workload w = s.workload();
    List<LayerRow> out = new ArrayList<>();
    for (LayerPolicy p : focus.layers()) {
      double kv = KvCacheSizer.layerBytes(s.model(), p, w.kvTokens(), w.promptTokens(), focus.pagedBlockTokens())
          .forBatch(w.batchSize());
      LayerTime t = engine.layerTime(focus, p.layer(), w);
      out.add(new LayerRow(p.layer(), kv, WeightSizer.layerBytes(s.model(), p.layer(), p.weights()), t.prefillS(), t.decodeS(),
          policy(p)));
    }
    return out;
  }

  /** Tiers any strategy of the scenario uses, GPU always. */
  public List<Tier> usedTiers() {
    List<Tier> tiers = new ArrayList<>();
    for (Tier t : Tier.values()) {
      boolean used = t == Tier.GPU || result.results().stream().anyMatch(r -> switch (t) {
        case GPU -> true;
        case CPU -> r.peakMemoryBytes().cpu() > 0;
        case DISK -> r.peakMemoryBytes().disk() > 0;
        case CSD -> r.peakMemoryBytes().csd() > 0;
      });
      if (used) {
        tiers.add(t);
      }
    }
    return tiers;
  }
}
