package io.tiersim.planner.candidate;

import io.tiersim.model.strategy.TierFractions;
import io.tiersim.model.strategy.WeightsConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The options offered when a plan file lists none, derived from the presets: weights at 16 or 8
 * bits, times the KV format of fp16, KIVI-4, KIVI-2 or KVQuant-3 with 1 % outliers, times all tokens,
 * SnapKV's prompt budget or DuoAttention's head split, times the KV on the GPU or in host memory:
 * 2 x 4 x 3 x 2 = 48 options, each with its error-model loss.
 */
public final class DefaultCandidates {
  static final List<Integer> WEIGHT_BITS = List.of(16, 8);
  static final List<String> KV_FORMATS = List.of("full-fp16", "kivi-4", "kivi-2", "kvquant-3-1pct");
  static final List<String> TOKEN_POLICIES = List.of("", "snapkv", "duoattention");

  private DefaultCandidates() {}

  public static List<CandidateConfig> configs(boolean withHostMemory) {
    List<TierFractions> places = withHostMemory ? List.of(TierFractions.onGpu(), TierFractions.all(io.tiersim.model.Tier.CPU))
        : List.of(TierFractions.onGpu());
    List<CandidateConfig> out = new ArrayList<>();
    for (int bits : WEIGHT_BITS) {
      for (String kv : KV_FORMATS) {
        for (String tokens : TOKEN_POLICIES) {
          for (TierFractions place : places) {
            List<String> use = new ArrayList<>();
            if (!"full-fp16".equals(kv) || tokens.isEmpty()) {
              use.add(kv);
            }
            if (!tokens.isEmpty()) {
              use.add(tokens);
            }
            WeightsConfig w = bits == 16 ? null : new WeightsConfig(bits, null);
            out.add(new CandidateConfig(null, use, w, null, null, null, null, null, place.gpu() == 1 ? null : place, null));
          }
        }
      }
    }
    return out;
  }

  public static List<Candidate> resolve(boolean withHostMemory) {
    return configs(withHostMemory).stream().map(CandidateResolver::resolve).toList();
  }
}
