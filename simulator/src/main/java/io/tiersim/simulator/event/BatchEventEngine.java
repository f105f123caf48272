package io.tiersim.simulator.event;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.EventConfig;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.scenario.SpeculativeConfig;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.cost.LayerOperators;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.OpCost;
import io.tiersim.simulator.cost.Pass;
import io.tiersim.simulator.cost.Resource;
import io.tiersim.simulator.engine.Timing;
import io.tiersim.simulator.memory.MemoryAccountant;
import io.tiersim.simulator.memory.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Times a batch workload (the {@code workload:} of a scenario) with the discrete-event engine:
 * every prefill chunk and every decode step becomes a task graph ({@link LayerPipeline}) of the
 * operators {@link LayerOperators} prices, run on the servers of {@link ResourceKind}. Each pass
 * ends on the host reading the new tokens back, so passes run one after another. With prefetch
 * depth 1 and nothing contending this reproduces the analytic engine; deeper prefetch and the
 * speculative schedule are what it adds. Generations longer than {@link #EXACT_DECODE_STEPS}
 * steps are sampled on that many evenly spaced steps (trapezoid weights), as the analytic engine
 * samples 64.
 */
public final class BatchEventEngine {
  static final int EXACT_DECODE_STEPS = 2048;

  private final ModelArchitecture model;
  private final LayerOperators ops;
  private final EventConfig config;
  private final EventEngine engine = EventEngine.forResourceKinds();

  public BatchEventEngine(ModelArchitecture model, CostModel cost, Runtime runtime, EventConfig config) {
    this.model = model;
    this.ops = new LayerOperators(model, cost, runtime);
    this.config = config == null ? EventConfig.defaults() : config;
  }

  public LayerOperators operators() {
    return ops;
  }

  /** Times {@code s} on {@code w}; spans go to {@code trace} (may be null) as one process named for the strategy. */
  public EventTiming estimate(Strategy s, Workload w, ChromeTrace trace) {
    Shape shape = new Shape(s, w);
    LayerPipeline pipeline = new LayerPipeline(shape.gpuBatches, s.overlap(), config.prefetchDepth());
    Recorder rec = new Recorder(trace, s.name());
    EventTally prefill = new EventTally();
    EventTally decode = new EventTally();
    long prompt = w.promptTokens();
    long chunk = w.prefillPassTokens();
    boolean allPositions = s.layers().stream().anyMatch(LayerOperators::eager);
    for (long past = 0; past < prompt; past += chunk) {
      long q = Math.min(chunk, prompt - past);
      Pass x = new Pass(Phase.PREFILL, shape.gpuBatch, q, past, prompt, s.pagedBlockTokens(), s.pinKvCache());
      long logits = allPositions ? q : (past + q == prompt ? 1 : 0);
      run(pipeline, pass(s, x, logits), prefill, 1, rec);
    }
    for (double[] node : decodeNodes(w.generateTokens() - 1L)) {
      Pass x = Pass.decode(shape.gpuBatch, prompt + (long) node[0] - 1, prompt, s.pagedBlockTokens(), s.pinKvCache());
      run(pipeline, pass(s, x, 1), decode, node[1], rec);
    }
    return result("block", pipeline, s, w, prefill, decode, (double) w.generateTokens() - 1);
  }

  /**
   * TriForce-style speculation: the target's prefill, then rounds of {@code draft_tokens} decode
   * steps of the draft strategy and one verify pass of the target over {@code draft_tokens + 1}
   * positions against its whole (possibly offloaded) cache; each round emits the expected
   * accepted tokens. The draft's own cache is taken as built from the target's during prefill
   * (TriForce's retrieval cache), not timed.
   */
  public EventTiming estimateSpeculative(Strategy target, Strategy draft, SpeculativeConfig sp, Workload w,
      ChromeTrace trace) {
    Shape shape = new Shape(target, w);
    Shape draftShape = new Shape(draft, w);
    LayerPipeline pipeline = new LayerPipeline(shape.gpuBatches, target.overlap(), config.prefetchDepth());
    LayerPipeline draftPipeline = new LayerPipeline(draftShape.gpuBatches, draft.overlap(), config.prefetchDepth());
    Recorder rec = new Recorder(trace, target.name() + " + draft " + draft.name());
    EventTally prefill = new EventTally();
    EventTally decode = new EventTally();
    long prompt = w.promptTokens();
    long chunk = w.prefillPassTokens();
    for (long past = 0; past < prompt; past += chunk) {
      long q = Math.min(chunk, prompt - past);
      Pass x = new Pass(Phase.PREFILL, shape.gpuBatch, q, past, prompt, target.pagedBlockTokens(), target.pinKvCache());
      run(pipeline, pass(target, x, past + q == prompt ? 1 : 0), prefill, 1, rec);
    }
    int k = sp.draftTokens();
    double perRound = sp.tokensPerRound();
    double emitted = 0;
    long tokens = w.generateTokens() - 1L;
    while (emitted < tokens) {
      long context = prompt + Math.round(emitted);
      for (int i = 0; i < k; i++) {
        Pass d = Pass.decode(draftShape.gpuBatch, context + i, prompt, draft.pagedBlockTokens(), draft.pinKvCache());
        run(draftPipeline, pass(draft, d, 1), decode, 1, rec);
      }
      Pass verify = new Pass(Phase.PREFILL, shape.gpuBatch, k + 1L, context, prompt, target.pagedBlockTokens(),
          target.pinKvCache());
      run(pipeline, pass(target, verify, k + 1L), decode, 1, rec);
      emitted += perRound;
    }
    return result("speculative", pipeline, target, w, prefill, decode, (double) tokens);
  }

  private EventTiming result(String schedule, LayerPipeline pipeline, Strategy s, Workload w, EventTally prefill,
      EventTally decode, double decodeTokens) {
    long batch = w.batchSize();
    double prefillS = prefill.seconds();
    double decodeS = decode.seconds();
    boolean steps = w.generateTokens() > 1;
    Timing t = new Timing(prefillS, decodeS, prefillS,
        steps ? decodeS / decodeTokens : null,
        batch * (double) w.promptTokens() / prefillS,
        steps ? batch * decodeTokens / decodeS : null,
        batch * (double) w.generateTokens() / (prefillS + decodeS),
        new Timing.PhaseBottlenecks(prefill.bottleneck(), decode.bottleneck()));
    return new EventTiming(schedule, pipeline.depth(), extraBufferBytes(s, w, pipeline.depth()),
        prefill.tasks() + decode.tasks(), t, prefill.servers(), decode.servers());
  }

  /** Prefetch beyond depth 1 holds {@code depth - 1} more stages of streamed weights on the GPU. */
  private long extraBufferBytes(Strategy s, Workload w, int depth) {
    if (depth <= 1) {
      return 0;
    }
    Pass x = Pass.decode(1, w.promptTokens(), w.promptTokens(), s.pagedBlockTokens(), s.pinKvCache());
    double largest = 0;
    for (LayerPolicy p : classes(s).keySet()) {
      for (var stage : ops.layer(s, p, x).stages()) {
        largest = Math.max(largest, stage.weights().stream().mapToDouble(o -> o.bytesOn(Resource.PCIE_HOST_TO_DEVICE)).sum());
      }
    }
    return Math.round((depth - 1) * largest);
  }

  private void run(LayerPipeline pipeline, List<LayerStep> steps, EventTally tally, double weight, Recorder rec) {
    TaskGraph g = pipeline.build(steps);
    double makespan = engine.run(g);
    tally.add(engine, pipeline, g, makespan, weight);
    rec.record(engine, pipeline, g, makespan, weight);
  }

  /** The layer steps of one pass, in order, then the embedding and head; equal layers priced once. */
  private List<LayerStep> pass(Strategy s, Pass x, long logits) {
    Map<LayerPolicy, LayerStep> priced = new HashMap<>();
    Map<LayerPolicy, LayerPolicy> rep = representatives(s);
    List<LayerStep> steps = new ArrayList<>(s.layers().size() + 1);
    for (LayerPolicy p : s.layers()) {
      LayerPolicy r = rep.get(p);
      steps.add(priced.computeIfAbsent(r, k -> ops.layer(s, k, x)));
    }
    steps.add(ops.head(s, x, logits));
    return steps;
  }

  private final Map<Strategy, Map<LayerPolicy, LayerPolicy>> representativeCache = new HashMap<>();

  private Map<LayerPolicy, LayerPolicy> representatives(Strategy s) {
    return representativeCache.computeIfAbsent(s, k -> {
      Map<Object, LayerPolicy> byKey = new LinkedHashMap<>();
      Map<LayerPolicy, LayerPolicy> out = new HashMap<>();
      for (LayerPolicy p : k.layers()) {
        Object key = List.of(p.atLayer(0), model.isMoeLayer(p.layer()));
        out.put(p, byKey.computeIfAbsent(key, x -> p));
      }
      return out;
    });
  }

  private Map<LayerPolicy, Integer> classes(Strategy s) {
    Map<LayerPolicy, Integer> counts = new LinkedHashMap<>();
    for (LayerPolicy p : s.layers()) {
      counts.merge(representatives(s).get(p), 1, Integer::sum);
    }
    return counts;
  }


  /** Decode steps as (index from 1, weight): every step, or evenly spaced samples with trapezoid weights. */
  static List<double[]> decodeNodes(long steps) {
    List<double[]> nodes = new ArrayList<>();
    if (steps <= 0) {
      return nodes;
    }
    if (steps <= EXACT_DECODE_STEPS) {
      for (long i = 1; i <= steps; i++) {
        nodes.add(new double[] {i, 1});
      }
      return nodes;
    }
    double h = (steps - 1.0) / EXACT_DECODE_STEPS;
    for (int j = 0; j <= EXACT_DECODE_STEPS; j++) {
      double weight = (j == 0 || j == EXACT_DECODE_STEPS) ? h / 2 + 0.5 : h;
      nodes.add(new double[] {Math.round(1 + j * h), weight});
    }
    return nodes;
  }

  /** Sequences per GPU batch and GPU batches per block, as the memory accounting and analytic engine take them. */
  private static final class Shape {
    final long gpuBatch;
    final int gpuBatches;

    Shape(Strategy s, Workload w) {
      gpuBatch = MemoryAccountant.gpuBatch(s, w.batchSize());
      gpuBatches = Math.toIntExact((w.batchSize() + gpuBatch - 1) / gpuBatch);
    }
  }

  /** Writes the spans of passes that ran once (not sampled ones) to a trace, one after another. */
  private static final class Recorder {
    private final ChromeTrace trace;
    private final int process;
    private double offset;

    Recorder(ChromeTrace trace, String label) {
      this.trace = trace;
      this.process = trace == null ? 0 : trace.process(label);
    }

    void record(EventEngine engine, LayerPipeline pipeline, TaskGraph g, double makespan, double weight) {
      if (trace != null && weight == 1) {
        for (int t = 0; t < g.size(); t++) {
          if (g.tag(t) >= 0 && g.duration(t) > 0) {
            OpCost op = pipeline.op(g.tag(t));
            int row = trace.thread(process, ResourceKind.values()[g.resource(t)].label());
            trace.span(process, row, op.name(), offset + engine.start(t), g.duration(t));
          }
        }
      }
      offset += makespan * weight;
    }
  }
}
