package io.tiersim.simulator.engine;

import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.cost.LayerOperators;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.Pass;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time of a run in closed form: every prefill pass (one per chunk) and every decode step priced
 * layer by layer through {@link LayerOperators}, for {@code ceil(batch / gpuBatch)} GPU batches per
 * loaded layer. Layers with the same policy and shape are priced once. Decode steps are summed
 * exactly up to {@link #EXACT_DECODE_STEPS}; longer generations use the trapezoid rule over that
 * many intervals (step time is piecewise linear in the context, so the error is far below the
 * model's own).
 */
public final class AnalyticEngine {
  static final int EXACT_DECODE_STEPS = 64;

  private final ModelArchitecture model;
  private final LayerOperators ops;

  public AnalyticEngine(ModelArchitecture model, SystemProfile system) {
    this(model, new CostModel(system), Runtime.EAGER);
  }

  public AnalyticEngine(ModelArchitecture model, SystemProfile system, Runtime runtime) {
    this(model, new CostModel(system), runtime);
  }

  public AnalyticEngine(ModelArchitecture model, CostModel cost, Runtime runtime) {
    this.model = model;
    this.ops = new LayerOperators(model, cost, runtime);
  }

  public LayerOperators operators() {
    return ops;
  }

  public Timing estimate(Strategy s, Workload w) {
    Run run = new Run(s, w);
    PhaseTally prefill = new PhaseTally();
    PhaseTally decode = new PhaseTally();
    run.prefill(prefill, run.classes, true);
    run.decode(decode, run.classes, true);
    long batch = w.batchSize();
    long gen = w.generateTokens();
    double prefillS = prefill.seconds();
    double decodeS = decode.seconds();
    boolean steps = gen > 1;
    return new Timing(prefillS, decodeS, prefillS,
        steps ? decodeS / (gen - 1) : null,
        batch * (double) w.promptTokens() / prefillS,
        steps ? batch * (double) (gen - 1) / decodeS : null,
        batch * (double) gen / (prefillS + decodeS),
        new Timing.PhaseBottlenecks(prefill.bottleneck(), decode.bottleneck()));
  }

  /**
   * Seconds of one decode step of the whole batch when {@code cachedTokens} tokens are cached per
   * sequence (it attends to those and its own), as a probe times a single step.
   */
  public double decodeStepSeconds(Strategy s, Workload w, long cachedTokens) {
    Run run = new Run(s, w);
    PhaseTally tally = new PhaseTally();
    Pass x = Pass.decode(run.gpuBatch, cachedTokens, w.promptTokens(), s.pagedBlockTokens(), s.pinKvCache());
    tally.beginStep(1);
    run.addLayers(tally, run.classes, x);
    tally.add(ops.head(s, x, 1), run.gpuBatches, s.overlap(), 1);
    tally.endStep();
    return tally.seconds();
  }

  /** Seconds that one layer adds to the run (see {@link LayerTime}). */
  public LayerTime layerTime(Strategy s, int layer, Workload w) {
    Run run = new Run(s, w);
    LayerPolicy p = s.layer(layer);
    Map<LayerPolicy, Integer> one = Map.of(p, 1);
    PhaseTally prefill = new PhaseTally();
    PhaseTally decode = new PhaseTally();
    run.prefill(prefill, one, false);
    run.decode(decode, one, false);
    return new LayerTime(prefill.seconds(), decode.seconds());
  }

  /** Seconds the embedding and LM head add to the run (the part of {@link #estimate} no layer owns). */
  public LayerTime headTime(Strategy s, Workload w) {
    Run run = new Run(s, w);
    Map<LayerPolicy, Integer> none = Map.of();
    PhaseTally prefill = new PhaseTally();
    PhaseTally decode = new PhaseTally();
    run.prefill(prefill, none, true);
    run.decode(decode, none, true);
    return new LayerTime(prefill.seconds(), decode.seconds());
  }

  /** One strategy on one workload: the GPU batching and the distinct layer classes. */
  private final class Run {
    final Strategy s;
    final Workload w;
    final long gpuBatch;
    final int gpuBatches;
    final Map<LayerPolicy, Integer> classes;
    /** Each layer's class representative, in layer order (the step's clocks run through them in order). */
    final List<LayerPolicy> order;

    Run(Strategy s, Workload w) {
      this.s = s;
      this.w = w;
      this.gpuBatch = MemoryAccountant.gpuBatch(s, w.batchSize());
      this.gpuBatches = Math.toIntExact((w.batchSize() + gpuBatch - 1) / gpuBatch);
      this.order = new ArrayList<>();
      this.classes = layerClasses(s, order);
    }

    /** Prices each class once for a pass and adds the layers to the step in order. */
    void addLayers(PhaseTally tally, Map<LayerPolicy, Integer> layers, Pass x) {
      if (layers != classes) {
        // A subset (one layer, for layerTime): each as many times as it counts.
        for (Map.Entry<LayerPolicy, Integer> c : layers.entrySet()) {
          tally.add(ops.layer(s, c.getKey(), x), gpuBatches, s.overlap(), c.getValue());
        }
        return;
      }
      Map<LayerPolicy, LayerStep> priced = new HashMap<>();
      for (LayerPolicy rep : order) {
        tally.add(priced.computeIfAbsent(rep, r -> ops.layer(s, r, x)), gpuBatches, s.overlap(), 1);
      }
    }

    /** Each prefill pass is one step (its chunk through every layer), with the head when asked. */
    void prefill(PhaseTally tally, Map<LayerPolicy, Integer> layers, boolean withHead) {
      long prompt = w.promptTokens();
      long chunk = w.prefillPassTokens();
      // Eager reference code (FlexGen, Hugging Face before num_logits_to_keep) computes logits for
      // every prompt position; otherwise only the last position's.
      boolean allPositions = s.layers().stream().anyMatch(LayerOperators::eager);
      for (long past = 0; past < prompt; past += chunk) {
        long q = Math.min(chunk, prompt - past);
        Pass x = new Pass(Phase.PREFILL, gpuBatch, q, past, prompt, s.pagedBlockTokens(), s.pinKvCache());
        tally.beginStep(1);
        addLayers(tally, layers, x);
        if (withHead) {
          long logits = allPositions ? q : (past + q == prompt ? 1 : 0);
          tally.add(ops.head(s, x, logits), gpuBatches, s.overlap(), 1);
        }
        tally.endStep();
      }
    }

    /** Decode steps 1..gen-1; step i attends to prompt + i tokens. */
    void decode(PhaseTally tally, Map<LayerPolicy, Integer> layers, boolean withHead) {
      long prompt = w.promptTokens();
      long steps = w.generateTokens() - 1;
      if (steps <= 0) {
        return;
      }
      List<double[]> nodes = new ArrayList<>();
      if (steps <= EXACT_DECODE_STEPS) {
        for (long i = 1; i <= steps; i++) {
          nodes.add(new double[] {i, 1});
        }
      } else {
        double h = (steps - 1.0) / EXACT_DECODE_STEPS;
        for (int j = 0; j <= EXACT_DECODE_STEPS; j++) {
          double weight = (j == 0 || j == EXACT_DECODE_STEPS) ? h / 2 + 0.5 : h;
          nodes.add(new double[] {Math.round(1 + j * h), weight});
        }
      }
      for (double[] node : nodes) {
        Pass x = Pass.decode(gpuBatch, prompt + (long) node[0] - 1, prompt, s.pagedBlockTokens(), s.pinKvCache());
        tally.beginStep(node[1]);
        addLayers(tally, layers, x);
        if (withHead) {
          tally.add(ops.head(s, x, 1), gpuBatches, s.overlap(), 1);
        }
        tally.endStep();
      }
    }
  }

  /**
   * Layers that cost the same: equal policies apart from the index, and the same kind of FFN.
   * The first layer of each class stands for it; iteration follows the layers' order.
   */
  private Map<LayerPolicy, Integer> layerClasses(Strategy s, List<LayerPolicy> order) {
    Map<Object, LayerPolicy> representative = new LinkedHashMap<>();
    Map<LayerPolicy, Integer> counts = new LinkedHashMap<>();
    for (LayerPolicy p : s.layers()) {
      Object key = List.of(p.atLayer(0), model.isMoeLayer(p.layer()));
      LayerPolicy rep = representative.computeIfAbsent(key, k -> p);
      counts.merge(rep, 1, Integer::sum);
      order.add(rep);
    }
    return counts;
  }

}
