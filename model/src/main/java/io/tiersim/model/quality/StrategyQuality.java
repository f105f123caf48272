package io.tiersim.model.quality;

import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.strategy.HeadSplit;
import io.tiersim.model.strategy.KvFormat;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.model.strategy.WeightFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole-model quality loss of a resolved strategy, read off the cited table of {@link
 * MethodLosses} by a small, conservative rule: what the table does not cover stays unknown, never
 * guessed. The loss is the sum of two parts (additive, as the planner assumes; it holds for small
 * losses), and unknown when either part is:
 *
 * <ol>
 *   <li><b>KV method</b> (KV representation, token retention, head split, sparse reads, cross-layer
 *       merging): 0 when every layer keeps the whole fp16 cache (16-bit keys and values at full
 *       width, no retention, head split, sparse read or merging). Otherwise the table's row named
 *       by the strategy's preset, when the table has one and every layer's method knobs are exactly
 *       those of the preset resolved alone on the same model. Overrides that change the KV
 *       format, the retention budget or window, the head split, the sparse read or the merging
 *       away from the preset (a KV-budget axis value other than the preset's included) make it
 *       unknown, and so does a lossy KV method with no preset or a preset the table lacks.
 *       Placement, attention site and kernel, offloading and paging compute the same numbers and
 *       do not count.
 *   <li><b>Weights</b>: when the preset sets the weights itself (QServe's W4A8), its row covers
 *       them (the planner's convention), and weights changed away from the preset's are unknown.
 *       Otherwise 0 when every layer and the embedding are fp16, and the row {@code
 *       weights-int<bits>} when every layer's weights have the same bits with fp16 activations and
 *       the embedding and LM head stay fp16 (the cited rows' setting). Mixed precision across
 *       layers, int8 activations or a quantised embedding (FlexGen's {@code compress_weights}) are
 *       unknown.
 * </ol>
 *
 * <p>The table's rows come from different models and benchmarks (each row names its metric), so
 * the loss ranks strategies rather than predicting a score; rows marked {@code recalled} were not
 * checked against the paper ({@link #unchecked}).
 *
 * @param lossPct whole-model loss in percent; null when unknown
 * @param methods the table rows summed, in order (empty for a lossless strategy or an unknown one)
 * @param unchecked whether any row summed is {@code basis: recalled}
 * @param unknownReason why the loss is unknown; null when known
 */
public record StrategyQuality(Double lossPct, List<String> methods, boolean unchecked, String unknownReason) {
  /** Fp16 everywhere: nothing to lose. */
  public static final StrategyQuality LOSSLESS = new StrategyQuality(0.0, List.of(), false, null);

  public StrategyQuality {
    methods = List.copyOf(methods);
    if ((lossPct == null) == (unknownReason == null)) {
      throw new IllegalArgumentException("a quality is either a loss or unknown with a reason");
    }
  }

  public boolean known() {
    return lossPct != null;
  }

  public static StrategyQuality unknown(String reason) {
    return new StrategyQuality(null, List.of(), false, reason);
  }

  /** The loss of {@code s} as resolved on {@code model} (the model its preset is resolved on for comparison). */
  public static StrategyQuality of(Strategy s, ModelArchitecture model) {
    Strategy preset = presetAlone(s, model);
    List<String> methods = new ArrayList<>();
    double loss = 0;
    boolean presetRowUsed = false;
    if (!s.layers().stream().allMatch(StrategyQuality::fullCache)) {
      if (s.preset() == null) {
        return unknown("a lossy KV method without a preset; the table knows methods by preset name");
      }
      MethodLoss row = MethodLosses.find(s.preset());
      if (row == null) {
        return unknown("no row for preset '" + s.preset() + "' in method-losses.yaml");
      }
      if (preset == null || !sameMethod(s, preset)) {
        return unknown("KV knobs changed away from preset '" + s.preset() + "', whose row does not cover them");
      }
      methods.add(row.method());
      loss += row.lossPct();
      presetRowUsed = true;
    }
    boolean presetSetsWeights = s.preset() != null && PresetRegistry.contains(s.preset()) && presetSetsWeights(s.preset());
    if (presetSetsWeights) {
      // A preset that sets the weights is one method: its row, if any, is a joint figure.
      if (preset == null || !sameWeights(s, preset)) {
        return unknown("weights changed away from preset '" + s.preset() + "', whose row covers its own weights");
      }
      if (!presetRowUsed) {
        MethodLoss row = MethodLosses.find(s.preset());
        if (row == null) {
          return unknown("no row for preset '" + s.preset() + "' in method-losses.yaml");
        }
        methods.add(row.method());
        loss += row.lossPct();
      }
    } else if (!s.embeddingWeights().quantized() && s.layers().stream().noneMatch(p -> p.weights().quantized())) {
      // fp16 weights lose nothing
    } else {
      String why = uniformWeights(s);
      if (why != null) {
        return unknown(why);
      }
      String method = MethodLosses.weightsMethod(s.layer(0).weights().bits());
      MethodLoss row = MethodLosses.find(method);
      if (row == null) {
        return unknown("no row for " + method + " in method-losses.yaml");
      }
      methods.add(row.method());
      loss += row.lossPct();
    }
    if (methods.isEmpty()) {
      return LOSSLESS;
    }
    boolean unchecked = methods.stream().anyMatch(m -> "recalled".equals(MethodLosses.find(m).basis()));
    return new StrategyQuality(loss, methods, unchecked, null);
  }

  /** The preset resolved alone on the model, or null without a preset (or when it does not resolve there). */
  private static Strategy presetAlone(Strategy s, ModelArchitecture model) {
    if (s.preset() == null || !PresetRegistry.contains(s.preset())) {
      return null;
    }
    try {
      return StrategyResolver.resolve(new StrategyConfig(null, s.preset(), null, null, null, null, null, null, null,
          null, null, null, null), model);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean presetSetsWeights(String preset) {
    StrategyConfig c = PresetRegistry.get(preset).config();
    return c.weights() != null || (c.offload() != null && Boolean.TRUE.equals(c.offload().compressWeights()))
        || c.layers().stream().anyMatch(o -> o.weights() != null);
  }

  /** Whether a layer keeps its whole cache in fp16: nothing quantised, projected, dropped, skipped or merged. */
  static boolean fullCache(LayerPolicy p) {
    KvFormat kv = p.kv();
    HeadSplit heads = p.heads();
    return !kv.quantized() && kv.lowRankKeyDim() == 0 && kv.lowRankValueDim() == 0 && p.retention() == null
        && (heads == null || heads.retrievalFraction() >= 1) && p.sparse() == null && !p.mergedWithPrevious();
  }

  /** Every layer's KV-method knobs equal the preset's. */
  private static boolean sameMethod(Strategy s, Strategy preset) {
    if (s.layers().size() != preset.layers().size()) {
      return false;
    }
    for (int i = 0; i < s.layers().size(); i++) {
      LayerPolicy a = s.layer(i);
      LayerPolicy b = preset.layer(i);
      boolean same = a.kv().equals(b.kv()) && Objects.equals(a.retention(), b.retention())
          && Objects.equals(a.heads(), b.heads()) && Objects.equals(a.sparse(), b.sparse())
          && a.mergedWithPrevious() == b.mergedWithPrevious() && a.mergeRetainedFraction() == b.mergeRetainedFraction();
      if (!same) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameWeights(Strategy s, Strategy preset) {
    if (!s.embeddingWeights().equals(preset.embeddingWeights()) || s.layers().size() != preset.layers().size()) {
      return false;
    }
    for (int i = 0; i < s.layers().size(); i++) {
      if (!s.layer(i).weights().equals(preset.layer(i).weights())) {
        return false;
      }
    }
    return true;
  }

  /** Null when every layer has the same quantised bits, fp16 activations and an fp16 embedding; else why not. */
  private static String uniformWeights(Strategy s) {
    if (s.embeddingWeights().quantized()) {
      return "quantised embedding and LM head (the weights-int rows keep them in fp16)";
    }
    WeightFormat first = s.layer(0).weights();
    for (LayerPolicy p : s.layers()) {
      WeightFormat w = p.weights();
      if (w.bits() != first.bits()) {
        return "weights of different precision across layers";
      }
      if (w.quantizedActivations()) {
        return "8-bit activations (the weights-int rows keep activations in fp16)";
      }
    }
    return null;
  }
}
