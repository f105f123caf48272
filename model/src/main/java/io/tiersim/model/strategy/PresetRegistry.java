package io.tiersim.model.strategy;

import io.tiersim.model.io.InputException;
import io.tiersim.model.io.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled presets, registered by stable name in {@code presets.yaml} beside this class, each
 * with its citation. Presets are flat (none builds on another) so each reads on its own.
 */
public final class PresetRegistry {
  private static final String RESOURCE = "presets.yaml";
  private static final Map<String, Preset> PRESETS = load();

  private PresetRegistry() {}

  /** The file format: a list of strategy configs that each carry a citation. */
  record PresetFile(List<StrategyConfig> presets) {}

  private static Map<String, Preset> load() {
    String text;
    try (InputStream in = PresetRegistry.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
    PresetFile file = YamlLoader.read(RESOURCE, text, PresetFile.class);
    Map<String, Preset> byName = new LinkedHashMap<>();
    for (StrategyConfig c : file.presets()) {
      if (c.name() == null || c.citation() == null || c.preset() != null) {
        throw new IllegalStateException(RESOURCE + ": preset " + c.name() + " needs a name and a citation and may not name another preset");
      }
      if (byName.put(c.name(), new Preset(c.name(), c.citation(), c.description(), c)) != null) {
        throw new IllegalStateException(RESOURCE + ": duplicate preset " + c.name());
      }
    }
    return Collections.unmodifiableMap(byName);
  }

  public static boolean contains(String name) {
    return PRESETS.containsKey(name);
  }

  /** The preset, or an error listing the known names. */
  public static Preset get(String name) {
    Preset p = PRESETS.get(name);
    if (p == null) {
      throw InputException.of("preset", unknownMessage(name));
    }
    return p;
  }

  public static String unknownMessage(String name) {
    return "unknown preset '" + name + "'; known presets: " + String.join(", ", PRESETS.keySet());
  }

  /** All presets in registration order. */
  public static List<Preset> all() {
    return List.copyOf(PRESETS.values());
  }
}
