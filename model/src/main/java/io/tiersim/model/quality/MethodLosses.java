package io.tiersim.model.quality;

import io.tiersim.model.io.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled table of per-method losses ({@code method-losses.yaml} beside this class), keyed by
 * preset name for KV and retention methods and by {@code weights-int<bits>} for weights. The one
 * copy of the table, read by the planner's quality proxy and, through {@link StrategyQuality}, by
 * the sweep's {@code quality_loss_pct}.
 */
public final class MethodLosses {
  private static final String RESOURCE = "method-losses.yaml";
  private static final Map<String, MethodLoss> BUNDLED = load();

  private MethodLosses() {}

  record MethodLossFile(List<MethodLoss> methods) {}

  private static Map<String, MethodLoss> load() {
    try (InputStream in = MethodLosses.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      MethodLossFile file = YamlLoader.read(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8), MethodLossFile.class);
      Map<String, MethodLoss> byName = new LinkedHashMap<>();
      for (MethodLoss m : file.methods()) {
        if (byName.put(m.method(), m) != null) {
          throw new IllegalStateException(RESOURCE + ": duplicate method " + m.method());
        }
      }
      return Collections.unmodifiableMap(byName);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE, e);
    }
  }

  /** The loss of a method, or null when the table has none. */
  public static MethodLoss find(String method) {
    return BUNDLED.get(method);
  }

  /** The method name of weights quantised to {@code bits} (16 needs none). */
  public static String weightsMethod(int bits) {
    return "weights-int" + bits;
  }

  public static List<MethodLoss> all() {
    return List.copyOf(BUNDLED.values());
  }
}
