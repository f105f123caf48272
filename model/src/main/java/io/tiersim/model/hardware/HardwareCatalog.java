package io.tiersim.model.hardware;

import io.tiersim.model.io.Document;
import io.tiersim.model.io.InputException;
import io.tiersim.model.io.LineIndex;
import io.tiersim.model.io.Require;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.io.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The GPU and system profiles of a folder ({@code gpus/*.yaml}, then {@code systems/*.yaml}),
 * looked up by stable id. Each file's id equals its file name; a system names its GPU by id.
 * Anything wrong in a file is an {@link InputException} with the file, the line and the field.
 */
public final class HardwareCatalog {
  private final Map<String, GpuProfile> gpus;
  private final Map<String, SystemProfile> systems;

  private HardwareCatalog(Map<String, GpuProfile> gpus, Map<String, SystemProfile> systems) {
    this.gpus = Collections.unmodifiableMap(new TreeMap<>(gpus));
    this.systems = Collections.unmodifiableMap(new TreeMap<>(systems));
  }

  /** The profiles shipped in {@code hardware-profiles/} under {@link TiersimHome}. */
  public static HardwareCatalog bundled() {
    return load(TiersimHome.hardwareProfiles());
  }

  public static HardwareCatalog load(Path dir) {
    Map<String, GpuProfile> gpus = new TreeMap<>();
    for (Path file : yamlFiles(dir.resolve("gpus"))) {
      String text = YamlLoader.readText(file);
      GpuFile parsed = read(file, text, GpuFile.class);
      checkId(file, text, parsed.id(), gpus.containsKey(parsed.id()));
      gpus.put(parsed.id(), convert(file, text, () -> parsed.toProfile()));
    }
    HardwareCatalog gpuOnly = new HardwareCatalog(gpus, Map.of());
    Map<String, SystemProfile> systems = new TreeMap<>();
    for (Path file : yamlFiles(dir.resolve("systems"))) {
      String text = YamlLoader.readText(file);
      SystemFile parsed = read(file, text, SystemFile.class);
      checkId(file, text, parsed.id(), systems.containsKey(parsed.id()));
      systems.put(parsed.id(), gpuOnly.toSystem(file, text, parsed));
    }
    return new HardwareCatalog(gpus, systems);
  }

  public GpuProfile gpu(String id) {
    GpuProfile gpu = gpus.get(id);
    if (gpu == null) {
      throw InputException.of("gpu", "unknown GPU '" + id + "'; known: " + String.join(", ", gpus.keySet()));
    }
    return gpu;
  }

  public SystemProfile system(String id) {
    SystemProfile system = systems.get(id);
    if (system == null) {
      throw InputException.of("system",
          "unknown system '" + id + "'; known: " + String.join(", ", systems.keySet()));
    }
    return system;
  }

  /**
   * A system id from this catalog, or a system file: a value ending in {@code .yaml}/{@code .yml},
   * or naming an existing file relative to {@code baseDir}, is loaded with its GPU from this catalog.
   * A user's file need not be named after its id.
   */
  public SystemProfile resolveSystem(String idOrPath, Path baseDir) {
    Path candidate = (baseDir == null ? Path.of("") : baseDir).resolve(idOrPath);
    boolean looksLikeFile = idOrPath.endsWith(".yaml") || idOrPath.endsWith(".yml");
    if (!looksLikeFile && !Files.isRegularFile(candidate)) {
      return system(idOrPath);
    }
    String text = YamlLoader.readText(candidate);
    SystemFile parsed = read(candidate, text, SystemFile.class);
    return toSystem(candidate, text, parsed);
  }

  /**
   * A system profile from YAML text, named {@code origin} in errors, with its GPU from this
   * catalog: for a profile that is checked before it is written (tiersim calibrate).
   */
  public SystemProfile parseSystem(String origin, String text) {
    Path file = Path.of(origin);
    return toSystem(file, text, read(file, text, SystemFile.class));
  }

  /** All GPU profiles in id order. */
  public List<GpuProfile> gpus() {
    return List.copyOf(gpus.values());
  }

  /** All system profiles in id order. */
  public List<SystemProfile> systems() {
    return List.copyOf(systems.values());
  }

  private SystemProfile toSystem(Path file, String text, SystemFile parsed) {
    if (!gpus.containsKey(parsed.gpu())) {
      throw new InputException(file, LineIndex.of(text).lineOf("gpu"), "gpu",
          "unknown GPU '" + parsed.gpu() + "'; known: " + String.join(", ", gpus.keySet()));
    }
    return convert(file, text, () -> parsed.toProfile(gpus::get));
  }

  private static void checkId(Path file, String text, String id, boolean duplicate) {
    String stem = Document.stem(file);
    if (!id.equals(stem)) {
      throw new InputException(file, LineIndex.of(text).lineOf("id"), "id",
          "id '" + id + "' must equal the file name '" + stem + "'");
    }
    if (duplicate) {
      throw new InputException(file, LineIndex.of(text).lineOf("id"), "id",
          "duplicate id '" + id + "'; another file in the folder already defines it");
    }
  }

  /** Checks that need the whole file (e.g. reserve below capacity) fail in the domain records. */
  private static <T> T convert(Path file, String text, java.util.function.Supplier<T> conversion) {
    try {
      return conversion.get();
    } catch (IllegalArgumentException e) {
      Require.Failure failure = Require.Failure.of(e);
      int line = failure.field() == null ? 0 : LineIndex.of(text).lineOf(failure.field());
      return throwInput(file, line, failure.field(), failure.problem());
    }
  }

  private static <T> T throwInput(Path file, int line, String field, String problem) {
    throw new InputException(file, line, field, problem);
  }

  /** Reads one profile; the shared loader names the file, the field and the field's own line. */
  private static <T> T read(Path file, String text, Class<T> type) {
    return YamlLoader.read(file.toString(), text, type);
  }


  private static List<Path> yamlFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir, 0, null, "folder not found; expected hardware profiles here");
    }
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> list = new ArrayList<>(files
          .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
          .filter(Files::isRegularFile)
          .toList());
      list.sort(Path::compareTo);
      return list;
    } catch (IOException e) {
      throw new InputException(dir, 0, null, "cannot list the folder: " + e.getMessage());
    }
  }
}
