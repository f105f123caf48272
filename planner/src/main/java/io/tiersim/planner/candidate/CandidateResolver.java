package io.tiersim.planner.candidate;

import io.tiersim.model.strategy.OffloadConfig;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.TierFractions;
import io.tiersim.model.quality.MethodLoss;
import io.tiersim.model.quality.MethodLosses;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link CandidateConfig} into a {@link Candidate}: layers the presets' per-layer knobs in
 * order, then the option's own, and sums the error model's losses of the methods used (presets, and
 * {@code weights-int<bits>} for quantised weights). Failures are {@link IllegalArgumentException}s
 * whose message starts with the field, for the loader to place.
 */
public final class CandidateResolver {
  private CandidateResolver() {}

  public static Candidate resolve(CandidateConfig c) {
    StrategyConfig knobs = empty();
    List<String> methods = new ArrayList<>();
    double loss = 0;
    for (String preset : c.use()) {
      if (!PresetRegistry.contains(preset)) {
        throw new IllegalArgumentException("use: " + PresetRegistry.unknownMessage(preset));
      }
      StrategyConfig p = PresetRegistry.get(preset).config();
      requirePerLayer(preset, p);
      knobs = perLayer(p).over(knobs);
      if (!"full-fp16".equals(preset)) {
        loss += loss(preset, c.qualityLossPct() != null);
        methods.add(preset);
      }
    }
    StrategyConfig own = new StrategyConfig(null, null, null, null, c.weights(), c.kv(), c.retention(), c.heads(), c.sparse(),
        c.attention(), null, null, null);
    knobs = own.over(knobs);
    int bits = knobs.weights() == null || knobs.weights().bits() == null ? 16 : knobs.weights().bits();
    if (bits < 16 && c.use().stream().noneMatch(u -> PresetRegistry.get(u).config().weights() != null)) {
      String method = MethodLosses.weightsMethod(bits);
      loss += loss(method, c.qualityLossPct() != null);
      methods.add(method);
    }
    if (c.setsMethodKnobs() && c.qualityLossPct() == null) {
      throw new IllegalArgumentException("quality_loss_pct: required when an option sets kv, retention, heads or sparse"
          + " knobs itself (the error model knows methods by preset name)");
    }
    TierFractions placement = c.kvCache() == null ? TierFractions.onGpu() : c.kvCache();
    String name = c.name() != null ? c.name() : defaultName(c, bits, placement);
    return new Candidate(name, knobs, placement, c.qualityLossPct() != null ? c.qualityLossPct() : loss, methods);
  }

  private static double loss(String method, boolean overridden) {
    MethodLoss m = MethodLosses.find(method);
    if (m == null) {
      if (overridden) {
        return 0;
      }
      throw new IllegalArgumentException("quality_loss_pct: the error model has no entry for '" + method
          + "'; give the option's quality_loss_pct");
    }
    return m.lossPct();
  }

  /** A preset usable on one layer sets only per-layer knobs: no whole-run offload, sharing, paging or layer ranges. */
  private static void requirePerLayer(String name, StrategyConfig p) {
    OffloadConfig off = p.offload();
    boolean wholeRun = off != null || p.pagedBlockTokens() != null || !p.layers().isEmpty()
        || (p.kv() != null && p.kv().sharing() != null);
    if (wholeRun) {
      throw new IllegalArgumentException("use: preset '" + name + "' sets whole-run knobs (offload, cross-layer sharing"
          + " or paging) that one layer cannot take; put them in the plan's 'base' strategy instead");
    }
  }

  private static StrategyConfig perLayer(StrategyConfig p) {
    return new StrategyConfig(null, null, null, null, p.weights(), p.kv(), p.retention(), p.heads(), p.sparse(),
        p.attention(), null, null, null);
  }

  private static StrategyConfig empty() {
    return new StrategyConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  private static String defaultName(CandidateConfig c, int bits, TierFractions placement) {
    List<String> parts = new ArrayList<>();
    parts.add("w" + bits);
    parts.addAll(c.use().isEmpty() ? List.of("fp16") : c.use());
    String name = String.join("+", parts);
    if (placement.gpu() < 1) {
      name += "@" + (placement.cpu() == 1 ? "cpu" : placement.disk() == 1 ? "disk" : "mixed");
    }
    return name;
  }
}
