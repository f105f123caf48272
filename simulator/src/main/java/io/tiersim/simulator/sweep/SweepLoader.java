package io.tiersim.simulator.sweep;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.RetentionConfig;
import io.tiersim.model.strategy.SparseConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.scenario.ScenarioLoader;
import io.tiersim.model.strategy.StrategyConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a sweep file and resolves it into a {@link SweepPlan}: models by id or config path,
 * systems by id or profile path, strategies over their presets for each model, the KV-budget axis
 * applied to strategies that have a budget. Every problem is an {@link InputException} naming the
 * file, the line and the field, raised before anything is evaluated or written.
 */
public final class SweepLoader {
  private final HardwareCatalog hardware;

  public SweepLoader(HardwareCatalog hardware) {
    this.hardware = hardware;
  }

  public static SweepLoader bundled() {
    return new SweepLoader(HardwareCatalog.bundled());
  }

  /** Whether a YAML file is a sweep (it has {@code axes}) rather than a scenario. */
  public static boolean isSweep(Path file) {
    return YamlLoader.readTree(file).has("axes");
  }

  public SweepPlan load(Path file) {
    Document<SweepFile> doc = Document.read(file, SweepFile.class);
    SweepFile f = doc.value();
    List<ModelArchitecture> models = new ArrayList<>();
    for (int i = 0; i < f.models().size(); i++) {
      String id = f.models().get(i);
      models.add(doc.lookup("models[" + i + "]", () -> ModelCatalog.resolve(id, doc.baseDir())));
    }
    List<SystemProfile> systems = new ArrayList<>();
    for (int i = 0; i < f.systems().size(); i++) {
      String id = f.systems().get(i);
      systems.add(doc.lookup("systems[" + i + "]", () -> hardware.resolveSystem(id, doc.baseDir())));
    }
    unique(doc, "models", models.stream().map(ModelArchitecture::id).toList());
    unique(doc, "systems", systems.stream().map(SystemProfile::id).toList());
    List<SweepPlan.Block> blocks = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long firstCell = 0;
    long perVariant = (long) f.axes().generateTokens().size() * f.axes().lengths().size() * f.axes().batchSize().size();
    for (ModelArchitecture model : models) {
      List<Variant> variants = variants(doc, f, model);
      for (SystemProfile system : systems) {
        List<Variant> runnable = new ArrayList<>();
        for (Variant v : variants) {
          String missing = missingTiers(v.strategy(), system);
          if (missing.isEmpty()) {
            runnable.add(v);
          } else if (v.budgetTokens() == null || v.budgetTokens().equals(f.axes().kvBudgetTokens().get(0))) {
            skipped.add(v.name() + " on " + model.id() + " / " + system.id() + ": needs " + missing + ", which the system lacks");
          }
        }
        if (runnable.isEmpty()) {
          continue;
        }
        SweepPlan.Block b = new SweepPlan.Block(blocks.size(), model, system, runnable, firstCell);
        blocks.add(b);
        firstCell += perVariant * runnable.size();
      }
    }
    if (blocks.isEmpty()) {
      throw doc.error("strategies", "no strategy can run on any system of the sweep: " + String.join("; ", skipped));
    }
    String name = f.name() != null ? f.name() : Document.stem(file);
    return new SweepPlan(name, f.description(), blocks, f.axes(), f.slo(), f.runtime(), f.prefillChunkTokens(), skipped);
  }

  /** Every strategy on one model, once per KV budget when it has a budget and the axis is set. */
  private static List<Variant> variants(Document<SweepFile> doc, SweepFile f, ModelArchitecture model) {
    List<Variant> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    List<Integer> budgets = f.axes().kvBudgetTokens();
    for (int i = 0; i < f.strategies().size(); i++) {
      String at = "strategies[" + i + "]";
      StrategyConfig c = f.strategies().get(i);
      Strategy plain = ScenarioLoader.resolveStrategy(doc, at, c, model, " (for model " + model.id() + ")");
      if (!names.add(plain.name())) {
        throw doc.error(at + ".name", "duplicate strategy name '" + plain.name() + "'; names must be unique");
      }
      Budget knob = budgets == null ? Budget.NONE : Budget.of(merged(c));
      if (knob == Budget.NONE) {
        out.add(Variant.of(plain, null, model));
        continue;
      }
      for (int j = 0; j < budgets.size(); j++) {
        StrategyConfig withBudget = knob.apply(c, merged(c), budgets.get(j));
        if (withBudget == null) {
          throw doc.error("axes.kv_budget_tokens[" + j + "]", "budget " + budgets.get(j) + " leaves no recent window for "
              + "strategy '" + plain.name() + "' after its attention sinks");
        }
        out.add(Variant.of(ScenarioLoader.resolveStrategy(doc, at, withBudget, model, " (for model " + model.id() + ")"), budgets.get(j), model));
      }
    }
    return out;
  }

  /** Which knob a KV budget sets on a strategy. */
  enum Budget {
    NONE, RETENTION, SPARSE, STREAMING_WINDOW;

    static Budget of(StrategyConfig merged) {
      RetentionConfig r = merged.retention();
      if (r != null && r.budgetTokens() != null) {
        return RETENTION;
      }
      if (merged.sparse() != null && merged.sparse().budgetTokens() != null) {
        return SPARSE;
      }
      if (r != null && r.windowTokens() != null && r.sinkTokens() != null) {
        return STREAMING_WINDOW;
      }
      return NONE;
    }

    /** The config with the budget set, or null when a streaming window would be empty. */
    StrategyConfig apply(StrategyConfig c, StrategyConfig merged, int budget) {
      RetentionConfig r = null;
      SparseConfig s = null;
      switch (this) {
        case RETENTION -> r = new RetentionConfig(null, null, budget, null, null);
        case SPARSE -> s = new SparseConfig(budget, null, null, null);
        case STREAMING_WINDOW -> {
          int window = budget - merged.retention().sinkTokens();
          if (window <= 0) {
            return null;
          }
          r = new RetentionConfig(null, null, null, null, window);
        }
        default -> {
          return c;
        }
      }
      return new StrategyConfig(null, null, null, null, null, null, r, null, s, null, null, null, null).over(c);
    }
  }

  private static StrategyConfig merged(StrategyConfig c) {
    return c.preset() == null ? c : c.over(PresetRegistry.get(c.preset()).config());
  }

  private static String missingTiers(Strategy s, SystemProfile system) {
    return s.requiredTiers().stream().filter(t -> !system.has(t)).sorted().map(Tier::key).collect(Collectors.joining(", "));
  }

  private static void unique(Document<SweepFile> doc, String field, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      if (!seen.add(ids.get(i))) {
        throw doc.error(field + "[" + i + "]", "duplicate " + field.substring(0, field.length() - 1) + " '" + ids.get(i)
            + "'; list each once");
      }
    }
  }


}
