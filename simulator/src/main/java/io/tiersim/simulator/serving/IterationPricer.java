package io.tiersim.simulator.serving;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.LayerOperators;
import io.tiersim.simulator.cost.LayerStep;
import io.tiersim.simulator.cost.Pass;
import io.tiersim.simulator.memory.Phase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seconds of one serving iteration, priced by {@link LayerOperators} as one mixed batch: the
 * decoding sequences (one token each, attending to their mean context) and the prefill chunks
 * (attending to their mean cached past), sharing every token-wise operator. A whole run has up to
 * millions of iterations, so prices are cached: the decode context on a geometric grid of ratio
 * {@link #GRID} with linear interpolation between grid points (attention is linear in context
 * between them), the prefill tokens and past on the same grid rounded to the nearest point.
 * Iterations are priced with one GPU batch (continuous batching has no block schedule).
 */
final class IterationPricer {
  static final double GRID = Math.pow(2, 1.0 / 16);
  private static final double LOG_GRID = Math.log(GRID);
  private static final int MAX_PARTS = 15;

  private final LayerOperators ops;
  private final Strategy s;
  private final Map<LayerPolicy, Integer> classes;
  private final long promptRef;
  private final Map<Long, Double> cache = new HashMap<>();
  private long priced;

  IterationPricer(ModelArchitecture model, LayerOperators ops, Strategy s, double meanPrompt) {
    this.ops = ops;
    this.s = s;
    this.promptRef = Math.max(1, Math.round(meanPrompt));
    Map<Object, LayerPolicy> rep = new LinkedHashMap<>();
    this.classes = new LinkedHashMap<>();
    for (LayerPolicy p : s.layers()) {
      LayerPolicy r = rep.computeIfAbsent(List.of(p.atLayer(0), model.isMoeLayer(p.layer())), k -> p);
      classes.merge(r, 1, Integer::sum);
    }
  }

  /**
   * @param decodes sequences decoding one token
   * @param decodeContext tokens their attention reads in all (each sequence's stored tokens plus its new one)
   * @param prefillTokens prompt tokens computed in this iteration
   * @param prefillParts sequences those tokens belong to
   * @param prefillPast tokens already cached for those sequences, in all
   */
  double seconds(int decodes, double decodeContext, long prefillTokens, int prefillParts, long prefillPast) {
    int parts = Math.min(prefillParts, MAX_PARTS);
    int qIdx = prefillTokens > 0 ? nearest(prefillTokens) : -1;
    int pastIdx = prefillTokens > 0 && prefillPast > 0 ? nearest(Math.max(1, prefillPast / prefillParts)) : -1;
    if (decodes == 0) {
      return lookup(0, -1, qIdx, parts, pastIdx);
    }
    double mean = Math.max(1, decodeContext / decodes);
    double pos = Math.log(mean) / LOG_GRID;
    int k = (int) Math.floor(pos);
    double lo = lookup(decodes, k, qIdx, parts, pastIdx);
    double hi = lookup(decodes, k + 1, qIdx, parts, pastIdx);
    double a = Math.pow(GRID, k);
    double b = Math.pow(GRID, k + 1);
    return lo + (hi - lo) * (mean - a) / (b - a);
  }

  /** Distinct compositions priced so far (each a call into the cost model). */
  long priced() {
    return priced;
  }

  private static int nearest(double v) {
    return (int) Math.round(Math.log(v) / LOG_GRID);
  }

  private double lookup(int decodes, int ctxIdx, int qIdx, int parts, int pastIdx) {
    long key = ((long) decodes << 40) | ((long) (ctxIdx + 1) << 30) | ((long) (qIdx + 1) << 20)
        | ((long) parts << 10) | (pastIdx + 1);
    Double v = cache.get(key);
    if (v == null) {
      v = price(decodes, ctxIdx, qIdx, parts, pastIdx);
      cache.put(key, v);
    }
    return v;
  }

  private double price(int decodes, int ctxIdx, int qIdx, int parts, int pastIdx) {
    List<Pass> passes = new ArrayList<>(2);
    int block = s.pagedBlockTokens();
    if (decodes > 0) {
      long context = Math.max(1, Math.round(Math.pow(GRID, ctxIdx)));
      long past = context - 1;
      passes.add(new Pass(Phase.DECODE, decodes, 1, past, Math.max(1, Math.min(promptRef, past)), block, s.pinKvCache()));
    }
    if (qIdx >= 0) {
      long tokens = Math.max(1, Math.round(Math.pow(GRID, qIdx)));
      long q = Math.max(1, (tokens + parts - 1) / parts);
      long past = pastIdx < 0 ? 0 : Math.round(Math.pow(GRID, pastIdx));
      passes.add(new Pass(Phase.PREFILL, parts, q, past, past + q, block, s.pinKvCache()));
    }
    priced++;
    double total = 0;
    for (Map.Entry<LayerPolicy, Integer> c : classes.entrySet()) {
      LayerStep step = ops.layer(s, c.getKey(), passes);
      total += step.seconds(1, s.overlap()) * c.getValue();
    }
    long sequences = decodes + (qIdx >= 0 ? parts : 0);
    total += ops.head(s, Pass.decode(sequences, promptRef, promptRef, block), 1).seconds(1, s.overlap());
    return total;
  }

}
