package io.tiersim.planner.plan;

import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.Require;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.strategy.PresetRegistry;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import io.tiersim.planner.candidate.Candidate;
import io.tiersim.planner.candidate.CandidateConfig;
import io.tiersim.planner.candidate.CandidateResolver;
import io.tiersim.planner.candidate.DefaultCandidates;
import io.tiersim.planner.pricing.PlanContext;
import io.tiersim.planner.quality.QualityModel;
import io.tiersim.planner.quality.SensitivityProfile;
import io.tiersim.planner.solver.SolverKind;
import io.tiersim.planner.solver.SolverOptions;
import io.tiersim.planner.space.Objective;
import io.tiersim.planner.tensors.KvErrorMeter;
import io.tiersim.planner.tensors.KvTensorFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads a plan file and resolves it, reusing the scenario loaders' strictness: unknown fields,
 * wrong types and failed checks are {@link InputException}s naming the file, the line and the field.
 */
public final class PlanLoader {
  private final HardwareCatalog hardware;

  public PlanLoader(HardwareCatalog hardware) {
    this.hardware = hardware;
  }

  public static PlanLoader bundled() {
    return new PlanLoader(HardwareCatalog.bundled());
  }

  public PlanRequest load(Path file) {
    Document<PlanFile> doc = Document.read(file, PlanFile.class);
    PlanFile f = doc.value();
    ModelArchitecture model = doc.lookup("model", () -> ModelCatalog.resolve(f.model(), doc.baseDir()));
    SystemProfile system = doc.lookup("system", () -> hardware.resolveSystem(f.system(), doc.baseDir()));
    StrategyConfig base = base(doc, f.base(), model);
    List<Candidate> candidates = candidates(doc, f.candidates(), system);
    requireTiers(doc, candidates, system);
    QualityModel quality = new QualityModel(sensitivity(doc, f.quality(), model));
    List<Integer> batches = f.search() == null || f.search().batchSizes() == null
        ? List.of(f.workload().batchSize())
        : f.search().batchSizes().stream().distinct().sorted().toList();
    Objective objective = f.search() == null || f.search().objective() == null ? Objective.THROUGHPUT : f.search().objective();
    String name = f.name() != null ? f.name() : Document.stem(file);
    PlanContext context = new PlanContext(model, system, f.workload(), base, candidates);
    return new PlanRequest(name, context, quality, f.budgets(), batches, objective, solver(doc, f.solver()),
        ModelCatalog.ids().contains(f.model()) ? f.model() : doc.baseDir().resolve(f.model()).normalize().toString(),
        hardware.systems().stream().anyMatch(s -> s.id().equals(f.system())) ? f.system()
            : doc.baseDir().resolve(f.system()).normalize().toString(),
        doc::error);
  }

  /** The base holds whole-run knobs only; per-layer knobs belong to the candidates. */
  private static StrategyConfig base(Document<PlanFile> doc, StrategyConfig b, ModelArchitecture model) {
    if (b == null) {
      return new StrategyConfig("base", null, null, null, null, null, null, null, null, null, null, null, null);
    }
    if (b.preset() != null || b.weights() != null || b.kv() != null || b.retention() != null || b.heads() != null
        || b.sparse() != null || b.attention() != null || !b.layers().isEmpty()) {
      throw doc.error("base", "the base strategy holds whole-run knobs only (offload, paged_block_tokens);"
          + " per-layer knobs (weights, kv, retention, heads, sparse, attention, layers) belong in candidates");
    }
    try {
      StrategyResolver.resolve(new StrategyConfig("base", null, null, null, null, null, null, null, null, null, b.offload(),
          b.pagedBlockTokens(), null), model);
    } catch (IllegalArgumentException e) {
      Require.Failure failure = Require.Failure.of(e);
      throw doc.error(failure.field() == null ? "base" : "base." + failure.field(), failure.problem());
    }
    return b;
  }

  private static List<Candidate> candidates(Document<PlanFile> doc, List<CandidateConfig> configs, SystemProfile system) {
    if (configs.isEmpty()) {
      return DefaultCandidates.resolve(system.has(Tier.CPU));
    }
    List<Candidate> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < configs.size(); i++) {
      String at = "candidates[" + i + "]";
      Candidate c;
      try {
        c = CandidateResolver.resolve(configs.get(i));
      } catch (IllegalArgumentException e) {
        Require.Failure failure = Require.Failure.of(e);
        throw doc.error(failure.field() == null ? at : at + "." + failure.field(), failure.problem());
      }
      if (!names.add(c.name())) {
        throw doc.error(at + ".name", "duplicate option name '" + c.name() + "'; names must be unique");
      }
      out.add(c);
    }
    return out;
  }

  private static void requireTiers(Document<PlanFile> doc, List<Candidate> candidates, SystemProfile system) {
    for (int i = 0; i < candidates.size(); i++) {
      var kv = candidates.get(i).kvCache();
      for (Tier t : Tier.values()) {
        if (kv.of(t) > 0 && !system.has(t)) {
          throw doc.error("candidates[" + i + "].kv_cache", "option '" + candidates.get(i).name() + "' puts KV on " + t
              + " but system '" + system.id() + "' has none");
        }
      }
    }
  }

  private static SensitivityProfile sensitivity(Document<PlanFile> doc, PlanFile.QualityConfig q, ModelArchitecture model) {
    int layers = model.numLayers();
    if (q == null) {
      return SensitivityProfile.defaultShape(layers);
    }
    int given = (q.sensitivity() != null ? 1 : 0) + (q.sensitivityFile() != null ? 1 : 0) + (q.kvTensors() != null ? 1 : 0);
    if (given > 1) {
      throw doc.error("quality", "give one of sensitivity, sensitivity_file or kv_tensors");
    }
    SensitivityProfile profile;
    String field;
    try {
      if (q.sensitivity() != null) {
        field = "quality.sensitivity";
        profile = SensitivityProfile.of(q.sensitivity(), "inline");
      } else if (q.sensitivityFile() != null) {
        field = "quality.sensitivity_file";
        Path p = doc.baseDir().resolve(q.sensitivityFile());
        profile = SensitivityProfile.of(YamlLoader.read(p, SensitivityFile.class).sensitivity(), p.toString());
      } else if (q.kvTensors() != null) {
        field = "quality.kv_tensors";
        profile = measured(doc.baseDir().resolve(q.kvTensors()), q.reference(), model);
      } else {
        return SensitivityProfile.defaultShape(layers);
      }
    } catch (IllegalArgumentException e) {
      throw doc.error("quality", Require.Failure.of(e).problem());
    }
    if (profile.layers() != layers) {
      throw doc.error(field, "expected " + layers + " values (one per layer of " + model.id() + "), got " + profile.layers());
    }
    return profile;
  }

  /** A sensitivity file: {@code sensitivity: [...]}, one value per layer. */
  record SensitivityFile(List<Double> sensitivity) {
    SensitivityFile {
      Require.nonEmpty(sensitivity, "sensitivity");
    }
  }

  private static SensitivityProfile measured(Path tensors, String reference, ModelArchitecture model) {
    String preset = reference == null ? "kivi-2" : reference;
    if (!PresetRegistry.contains(preset)) {
      throw new IllegalArgumentException("reference: " + PresetRegistry.unknownMessage(preset));
    }
    var format = StrategyResolver.resolve(new StrategyConfig(null, preset, null, null, null, null, null, null, null, null,
        null, null, null), model).layer(0).kv();
    if (!format.quantized()) {
      throw new IllegalArgumentException("reference: preset '" + preset + "' does not quantise the KV cache");
    }
    KvErrorMeter meter = new KvErrorMeter(KvTensorFiles.read(tensors), model.headDim());
    return KvErrorMeter.profile(meter.quantizationError(format), "measured from " + tensors.getFileName() + " with " + preset);
  }

  private static SolverOptions solver(Document<PlanFile> doc, PlanFile.SolverSettings s) {
    SolverOptions d = SolverOptions.defaults();
    if (s == null) {
      return d;
    }
    SolverKind kind;
    try {
      kind = s.kind() == null ? d.kind() : SolverKind.parse(s.kind());
    } catch (IllegalArgumentException e) {
      throw doc.error("solver.kind", Require.Failure.of(e).problem());
    }
    return new SolverOptions(kind, s.timeLimitS() == null ? d.timeLimitS() : s.timeLimitS(), s.seed() == null ? d.seed() : s.seed());
  }



}
