package io.tiersim.planner.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.tiersim.model.scenario.Workload;
import io.tiersim.planner.space.PlanMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a plan as a scenario file (JSON or YAML, which the scenario loader reads alike): the
 * plan's model, system and workload at the chosen batch size, and one strategy whose {@code layers}
 * give each range of layers its option, so {@code tiersim simulate} runs it as is.
 */
public final class PlanWriter {
  private static final ObjectMapper JSON = configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = configure(new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      // A single-layer range such as "7" must stay a string for the scenario loader.
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build()));

  private PlanWriter() {}

  private static ObjectMapper configure(ObjectMapper m) {
    return m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
  }

  /** The scenario document of a feasible plan, fields in the scenario format's order. */
  public static Map<String, Object> scenario(PlanResult r) {
    if (!r.feasible()) {
      throw new IllegalArgumentException("no plan to write: the budgets cannot be met");
    }
    PlanRequest q = r.request();
    Workload w = q.context().workload().withBatchSize(r.batchSize());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", q.name());
    doc.put("description", description(r));
    doc.put("model", q.modelRef());
    doc.put("system", q.systemRef());
    doc.put("workload", w);
    doc.put("strategies", List.of(r.planConfig()));
    return doc;
  }

  static String description(PlanResult r) {
    PlanMetrics m = r.solve().metrics();
    return String.format(Locale.ROOT,
        "Per-layer plan from tiersim plan (%s solver; priced by %s): %.1f tokens/s at batch %d, TPOT %.2f ms, quality loss %.3f %%",
        r.solve().solver(), r.costSource(), m.throughputTokensPerS(), m.batchSize(), m.tpotS() * 1e3,
        m.use(io.tiersim.planner.space.BudgetDimension.QUALITY));
  }

  public static String json(PlanResult r) {
    return write(JSON, scenario(r));
  }

  public static String yaml(PlanResult r) {
    return write(YAML, scenario(r));
  }

  private static String write(ObjectMapper m, Object value) {
    try {
      String s = m.writeValueAsString(value);
      return s.endsWith("\n") ? s : s + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the plan", e);
    }
  }
}
