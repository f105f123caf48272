package io.tiersim.planner.pricing;

import io.tiersim.model.Tier;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.TierFractions;
import io.tiersim.planner.space.BudgetDimension;
import io.tiersim.simulator.memory.KvCacheSizer;
import io.tiersim.simulator.memory.KvLayerBytes;
import io.tiersim.simulator.memory.WeightSizer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The bytes one layer adds to each tier at the peak of prefill and of decode: its weights and its
 * KV cache, split by placement, by the same rules as {@link
 * io.tiersim.simulator.memory.MemoryAccountant} (a contiguous cache is allocated for the whole run
 * before prefill, a paged one holds the prompt at prefill, and chunked prefill keeps the whole
 * prompt's KV of layers whose retention scores the prompt). What belongs to no single layer is
 * obtained from the accountant itself, so a drift between the two shows as a failing test rather
 * than a wrong plan; every plan is re-simulated by the accountant in the end.
 */
final class LayerFootprint {
  private LayerFootprint() {}

  static Map<BudgetDimension, Double> of(ModelArchitecture m, Strategy s, int layer, Workload w) {
    LayerPolicy p = s.layer(layer);
    Map<BudgetDimension, Double> bytes = new EnumMap<>(BudgetDimension.class);
    for (BudgetDimension r : BudgetDimension.values()) {
      bytes.put(r, 0.0);
    }
    double weights = WeightSizer.layerBytes(m, layer, p.weights());
    long batch = w.batchSize();
    long prompt = w.promptTokens();
    long context = w.kvTokens();
    KvLayerBytes decode = KvCacheSizer.layerBytes(m, p, context, prompt, s.pagedBlockTokens());
    KvLayerBytes prefill = KvCacheSizer.layerBytes(m, p, s.pagedBlockTokens() > 0 ? prompt : context, prompt, s.pagedBlockTokens());
    boolean chunked = w.prefillPassTokens() < prompt;
    if (chunked && p.retention() != null && p.retention().scoresWholePrompt()) {
      prefill = KvCacheSizer.layerBytes(m, p.withoutRetention(), prompt, prompt, s.pagedBlockTokens());
    }
    for (boolean atPrefill : new boolean[] {true, false}) {
      KvLayerBytes kv = atPrefill ? prefill : decode;
      spread(bytes, atPrefill, p.weightPlacement(), weights);
      spread(bytes, atPrefill, p.keyPlacement(), kv.keyBytes() * batch);
      spread(bytes, atPrefill, p.valuePlacement(), kv.valueBytes() * batch);
      add(bytes, BudgetDimension.memory(Tier.GPU, atPrefill), kv.gpuSideBytes() * batch + kv.sharedBytes());
    }
    return bytes;
  }

  private static void spread(Map<BudgetDimension, Double> bytes, boolean atPrefill, TierFractions f, double b) {
    for (Tier t : new Tier[] {Tier.GPU, Tier.CPU, Tier.DISK}) {
      if (f.of(t) > 0) {
        add(bytes, BudgetDimension.memory(t, atPrefill), f.of(t) * b);
      }
    }
  }

  private static void add(Map<BudgetDimension, Double> bytes, BudgetDimension r, double b) {
    bytes.merge(r, b, Double::sum);
  }

}
