package io.tiersim.simulator.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.tiersim.model.Tier;
import io.tiersim.model.hardware.HardwareCatalog;
import io.tiersim.model.hardware.SystemProfile;
import io.tiersim.model.io.TiersimHome;
import io.tiersim.model.io.YamlLoader;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.ModelCatalog;
import io.tiersim.model.scenario.Workload;
import io.tiersim.model.strategy.AttentionConfig;
import io.tiersim.model.strategy.AttentionKernel;
import io.tiersim.model.strategy.RetentionConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.StrategyConfig;
import io.tiersim.model.strategy.StrategyResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Peak GPU memory of H2O's A100 runs (H2O Table 5 and its logs), predicted from the model,
 * the A100 profile and the run's configuration: FlexGen's eager attention (materialised scores)
 * and, for H2O, heavy hitters plus as many recent tokens, each int(hh_ratio x prompt) (the code's
 * budget). Nothing here is fitted to the rows; the published values are only compared.
 */
final class PublishedPeakMemoryTest {
  static final double GIB = 1L << 30;
  static final SystemProfile A100 = HardwareCatalog.bundled().system("a100-80gb");

  record Row(String model, int prompt, int generate, int batch, String system, double hhRatio, Double peakGib, boolean oom) {
    @Override
    public String toString() {
      return model + " b" + batch + " " + prompt + "/" + generate + " " + system;
    }
  }

  static Stream<Row> rows() {
    JsonNode doc = YamlLoader.readTree(TiersimHome.root().resolve("validation/published/published-results.yaml"));
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : doc.get("h2o_a100").get("rows")) {
      rows.add(new Row(r.get("model").asText(), r.get("prompt_tokens").asInt(), r.get("generate_tokens").asInt(),
          r.get("batch").asInt(), r.get("system").asText(), r.path("hh_ratio").asDouble(0),
          r.has("peak_gpu_gib") ? r.get("peak_gpu_gib").asDouble() : null,
          r.path("result").asText("").contains("out of memory")));
    }
    return rows.stream();
  }

  static Strategy strategy(Row row, ModelArchitecture m) {
    RetentionConfig retention = row.system().equals("h2o")
        ? new RetentionConfig(row.hhRatio(), row.hhRatio(), null, null, null) : null;
    StrategyConfig c = new StrategyConfig(row.system(), null, null, null, null, null, retention, null, null,
        new AttentionConfig(null, AttentionKernel.MATERIALIZED), null, null, null);
    return StrategyResolver.resolve(c, m);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void h2oA100_peakGpuMemory_within5Percent(Row row) {
    ModelArchitecture m = ModelCatalog.get(row.model());
    MemoryReport r = new MemoryAccountant(m, A100).account(strategy(row, m), Workload.of(row.batch(), row.prompt(), row.generate()));
    if (row.oom()) {
      assertThat(r.fits()).as("published as out of memory").isFalse();
      assertThat(r.overflows()).extracting(Overflow::tier).contains(Tier.GPU);
    } else {
      double predictedGib = r.peakBytes(Tier.GPU) / GIB;
      assertThat(predictedGib).isCloseTo(row.peakGib(), within(0.05 * row.peakGib()));
      assertThat(r.fits()).as("it ran, so it fits").isTrue();
      assertThat(r.gpuPeakPhase()).isEqualTo(Phase.PREFILL);
    }
  }
}
