package io.tiersim.model.scenario;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.Require;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads a scenario file and resolves it: the model by id or {@code config.json} path, the system
 * by id or profile path, each strategy over its preset. Every problem is an {@link InputException}
 * naming the file, the line and the field.
 */
public final class ScenarioLoader {
  private final HardwareCatalog hardware;

  public ScenarioLoader(HardwareCatalog hardware) {
    this.hardware = hardware;
  }

  public static ScenarioLoader bundled() {
    return new ScenarioLoader(HardwareCatalog.bundled());
  }

  public Scenario load(Path file) {
    Document<ScenarioFile> doc = Document.read(file, ScenarioFile.class);
    ScenarioFile f = doc.value();
    ModelArchitecture model = doc.lookup("model", () -> ModelCatalog.resolve(f.model(), doc.baseDir()));
    SystemProfile system = doc.lookup("system", () -> hardware.resolveSystem(f.system(), doc.baseDir()));
    List<Strategy> strategies = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < f.strategies().size(); i++) {
      String at = "strategies[" + i + "]";
      Strategy s = resolveStrategy(doc, at, f.strategies().get(i), model, "");
      if (!names.add(s.name())) {
        throw doc.error(at + ".name", "duplicate strategy name '" + s.name() + "'; names must be unique");
      }
      requireTiers(doc, at, s, system);
      strategies.add(s);
    }
    String name = f.name() != null ? f.name() : Document.stem(file);
    requireSpeculativeStrategies(doc, f.event(), names);
    return new Scenario(name, f.description(), model, system, f.workload(), strategies, f.runtime(), f.event(),
        resolveTrace(doc, f.serving()));
  }

  private static void requireSpeculativeStrategies(Document<ScenarioFile> doc, EventConfig event, Set<String> names) {
    if (event == null || event.speculative() == null) {
      return;
    }
    SpeculativeConfig sp = event.speculative();
    for (String[] role : new String[][] {{"target", sp.target()}, {"draft", sp.draft()}}) {
      if (!names.contains(role[1])) {
        throw doc.error("event.speculative." + role[0], "no strategy named '" + role[1] + "'; expected one of: "
            + names.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  /** A trace path is relative to the scenario file; a missing trace is reported at its field. */
  private static ServingConfig resolveTrace(Document<ScenarioFile> doc, ServingConfig serving) {
    if (serving == null || serving.arrival().trace() == null) {
      return serving;
    }
    Path trace = doc.baseDir().resolve(serving.arrival().trace()).normalize();
    if (!java.nio.file.Files.isRegularFile(trace)) {
      throw doc.error("serving.arrival.trace", "trace file not found: " + trace);
    }
    return serving.withArrival(serving.arrival().withTrace(trace.toString()));
  }

  /**
   * Resolves the strategy written at {@code at} in any document (scenario, sweep, plan): an unknown
   * preset, a strategy with neither name nor preset, or a knob the resolver refuses is reported at
   * its field; {@code context} (such as the model, when a file crosses several) ends the message.
   */
  public static Strategy resolveStrategy(Document<?> doc, String at, StrategyConfig c, ModelArchitecture model,
      String context) {
    if (c.preset() != null && !PresetRegistry.contains(c.preset())) {
      throw doc.error(at + ".preset", PresetRegistry.unknownMessage(c.preset()));
    }
    if (c.name() == null && c.preset() == null) {
      throw doc.error(at, "a strategy needs a 'name' or a 'preset'");
    }
    try {
      return StrategyResolver.resolve(c, model);
    } catch (IllegalArgumentException e) {
      Require.Failure failure = Require.Failure.of(e);
      throw doc.error(failure.field() == null ? at : at + "." + failure.field(), failure.problem() + context);
    }
  }

  private static void requireTiers(Document<ScenarioFile> doc, String at, Strategy s, SystemProfile system) {
    Set<Tier> missing = s.requiredTiers().stream().filter(t -> !system.has(t)).collect(Collectors.toSet());
    if (!missing.isEmpty()) {
      String tiers = missing.stream().sorted().map(Tier::key).collect(Collectors.joining(", "));
      throw doc.error(at, "strategy '" + s.name() + "' needs " + tiers + " but system '" + system.id()
          + "' has none; choose a system with " + tiers + " or change the strategy's placement");
    }
  }



}
