package io.tiersim.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded property and fuzz tests: invariants over random architectures and corrupted configs. */
final class ArchitecturePropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Per fixture: the keys the importer reads, and those among them it cannot do without. */
  private static final Map<String, List<List<String>>> FIXTURE_KEYS = Map.of(
      "llama-3.1-8b", List.of(
          List.of("attention_bias", "hidden_act", "mlp_bias", "num_key_value_heads", "rope_theta",
              "tie_word_embeddings"),
          List.of("model_type", "hidden_size", "num_attention_heads", "num_hidden_layers",
              "intermediate_size", "vocab_size", "max_position_embeddings")),
      "mixtral-8x7b", List.of(
          List.of("hidden_act", "num_key_value_heads", "rope_theta", "sliding_window",
              "tie_word_embeddings"),
          List.of("model_type", "hidden_size", "num_attention_heads", "num_hidden_layers",
              "intermediate_size", "vocab_size", "max_position_embeddings", "num_local_experts",
              "num_experts_per_tok")),
      "opt-6.7b", List.of(
          List.of("_name_or_path", "activation_function", "enable_bias", "max_position_embeddings",
              "word_embed_proj_dim"),
          List.of("model_type", "hidden_size", "num_attention_heads", "num_hidden_layers", "ffn_dim",
              "vocab_size")),
      "qwen2-7b", List.of(
          List.of("hidden_act", "num_key_value_heads", "rope_theta", "tie_word_embeddings",
              "use_sliding_window"),
          List.of("model_type", "hidden_size", "num_attention_heads", "num_hidden_layers",
              "intermediate_size", "vocab_size", "max_position_embeddings")),
      "deepseek-v2-lite", List.of(
          List.of("attention_bias", "first_k_dense_replace", "hidden_act", "moe_layer_freq",
              "n_routed_experts", "n_shared_experts", "num_key_value_heads", "q_lora_rank",
              "rope_theta", "tie_word_embeddings"),
          List.of("model_type", "hidden_size", "num_attention_heads", "num_hidden_layers",
              "intermediate_size", "vocab_size", "max_position_embeddings", "kv_lora_rank",
              "qk_nope_head_dim", "qk_rope_head_dim", "v_head_dim", "moe_intermediate_size",
              "num_experts_per_tok")),
      "glm-4-9b-1m", List.of(
          List.of("_name_or_path", "add_bias_linear", "add_qkv_bias", "kv_channels",
              "multi_query_attention", "multi_query_group_num", "rmsnorm", "rope_ratio",
              "tie_word_embeddings"),
          List.of("model_type", "num_layers", "hidden_size", "num_attention_heads", "ffn_hidden_size",
              "padded_vocab_size", "seq_length")));

  @TempDir Path tmp;

  // ---- random valid architectures -----------------------------------------------------------

  private static ModelArchitecture randomArchitecture(Random r, int n) {
    int kvHeads = 1 + r.nextInt(16);
    MlaSpec mla = r.nextInt(4) == 0 ? new MlaSpec(r.nextBoolean() ? 0 : 1 + r.nextInt(2048),
        1 + r.nextInt(1024), 1 + r.nextInt(256), 1 + r.nextInt(128), 1 + r.nextInt(256)) : null;
    int layers = 1 + r.nextInt(96);
    boolean learned = r.nextInt(4) == 0;
    return ModelArchitecture.builder().id("random-" + n).displayName("Random " + n).family("random")
        .numLayers(layers).hiddenSize(1 + r.nextInt(8192))
        .numKeyValueHeads(kvHeads).numAttentionHeads(kvHeads * (1 + r.nextInt(8)))
        .headDim(mla != null ? mla.qkHeadDim() : 1 + r.nextInt(256))
        .intermediateSize(1 + r.nextInt(32768)).ffnKind(FfnKind.values()[r.nextInt(2)])
        .activation("silu").vocabSize(1 + r.nextInt(256_000)).tiedEmbeddings(r.nextBoolean())
        .maxPositionEmbeddings(1 + r.nextInt(1 << 20))
        .positionEncoding(learned ? PositionEncoding.LEARNED : PositionEncoding.ROTARY)
        .ropeTheta(learned ? 0 : 1 + r.nextDouble() * 1e7)
        .slidingWindow(r.nextBoolean() ? null : 1 + r.nextInt(8192))
        .normKind(NormKind.values()[r.nextInt(2)]).attentionBias(r.nextBoolean())
        .outputProjectionBias(r.nextBoolean()).mlpBias(r.nextBoolean())
        .moe(r.nextInt(3) == 0 ? randomMoe(r, layers) : null).mla(mla)
        .publishedParameters(1e9).source("random, seed-driven").build();
  }

  private static MoeSpec randomMoe(Random r, int layers) {
    int experts = 1 + r.nextInt(128);
    return new MoeSpec(experts, 1 + r.nextInt(experts), 1 + r.nextInt(8192), r.nextInt(4),
        r.nextInt(layers + 1));
  }

  @Test
  void randomArchitectures_satisfyTheCountingInvariants() {
    Random r = new Random(20240611L);
    for (int n = 0; n < 400; n++) {
      ModelArchitecture m = randomArchitecture(r, n);
      checkTotals(m);
      checkLayers(m);
      checkKvCache(m);
      checkMonotone(m);
    }
  }

  private static void checkTotals(ModelArchitecture m) {
    long sum = m.embeddingMatrixParameterCount() + m.nonLayerVectorParameterCount();
    for (int layer = 0; layer < m.numLayers(); layer++) {
      sum += m.layerMatrixParameterCount(layer) + m.layerVectorParameterCount(layer);
    }
    assertThat(m.parameterCount()).as("%s decomposes", m).isEqualTo(sum).isPositive();
    assertThat(m.activeParameterCount()).isPositive().isLessThanOrEqualTo(m.parameterCount());
    if (!m.isMoe()) {
      assertThat(m.activeParameterCount()).isEqualTo(m.parameterCount());
    }
  }

  private static void checkLayers(ModelArchitecture m) {
    for (int layer = 0; layer < m.numLayers(); layer++) {
      assertThat(m.layerMatrixParameterCount(layer)).isPositive();
      assertThat(m.layerVectorParameterCount(layer)).isPositive();
      assertThat(m.activeLayerMatrixParameterCount(layer))
          .isPositive().isLessThanOrEqualTo(m.layerMatrixParameterCount(layer));
    }
  }

  private static void checkKvCache(ModelArchitecture m) {
    long perLayer = m.keyElementsPerToken(0) + m.valueElementsPerToken(0);
    if (m.isMla()) {
      assertThat(m.keyElementsPerToken(0)).isEqualTo(m.mla().kvLoraRank() + m.mla().qkRopeHeadDim());
      assertThat(m.valueElementsPerToken(0)).isZero();
    } else {
      assertThat(perLayer).isPositive().isLessThanOrEqualTo(2L * m.numAttentionHeads() * m.headDim());
      assertThat(m.keyElementsPerToken(0)).isEqualTo(m.valueElementsPerToken(0));
    }
    assertThat(m.kvCacheElementsPerToken()).isEqualTo(perLayer * m.numLayers());
  }

  private static void checkMonotone(ModelArchitecture m) {
    ModelArchitecture deeper = m.toBuilder().numLayers(m.numLayers() + 1).build();
    assertThat(deeper.parameterCount()).isGreaterThan(m.parameterCount());
    assertThat(deeper.kvCacheElementsPerToken()).isGreaterThan(m.kvCacheElementsPerToken());
    ModelArchitecture widerVocab = m.toBuilder().vocabSize(m.vocabSize() + 1).build();
    assertThat(widerVocab.parameterCount() - m.parameterCount())
        .isEqualTo((m.tiedEmbeddings() ? 1L : 2L) * m.hiddenSize());
  }

  // ---- corrupted configs --------------------------------------------------------------------

  private enum Corruption { DELETE, NEGATIVE, WRONG_TYPE, HUGE, ZERO, TRUNCATE }

  @Test
  void corruptedConfigs_giveInputExceptionAndNothingElse() throws IOException {
    Random r = new Random(7L);
    List<String> fixtures = List.copyOf(FIXTURE_KEYS.keySet()).stream().sorted().toList();
    int rejected = 0;
    for (int n = 0; n < 400; n++) {
      String fixture = fixtures.get(r.nextInt(fixtures.size()));
      List<String> optional = FIXTURE_KEYS.get(fixture).get(0);
      List<String> required = FIXTURE_KEYS.get(fixture).get(1);
      boolean pickRequired = r.nextBoolean();
      List<String> pool = pickRequired ? required : optional;
      String key = pool.get(r.nextInt(pool.size()));
      Corruption c = Corruption.values()[r.nextInt(Corruption.values().length)];
      Path file = corrupt(HfConfigImporterTest.fixture(fixture), key, c, r, n);
      boolean mustFail = c == Corruption.TRUNCATE || c == Corruption.NEGATIVE
          || c == Corruption.WRONG_TYPE || c == Corruption.DELETE && pickRequired;
      rejected += check(file, mustFail, fixture + ": " + c + " " + key) ? 0 : 1;
    }
    assertThat(rejected).as("some corruptions are rejected, some harmless").isBetween(200, 399);
  }

  private Path corrupt(Path fixture, String key, Corruption c, Random r, int n) throws IOException {
    String text = Files.readString(fixture);
    Path file = Files.createDirectories(tmp.resolve("case-" + n)).resolve("config.json");
    if (c == Corruption.TRUNCATE) {
      return Files.writeString(file, text.substring(0, r.nextInt(text.lastIndexOf('}'))));
    }
    ObjectNode root = (ObjectNode) JSON.readTree(text);
    JsonNode old = root.get(key);
    switch (c) {
      case DELETE -> root.remove(key);
      case NEGATIVE -> root.put(key, old != null && old.isNumber() ? -Math.max(1, old.asLong()) : -1);
      case WRONG_TYPE -> {
        if (old != null && old.isTextual()) {
          root.put(key, 7);
        } else {
          root.put(key, "seven");
        }
      }
      case HUGE -> root.put(key, 1L << (31 + r.nextInt(30)));
      case ZERO -> root.put(key, 0);
      default -> throw new IllegalStateException(c.name());
    }
    return Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }

  /** Whether the file imported; an InputException naming the file is the only other outcome. */
  private static boolean check(Path file, boolean mustFail, String what) {
    try {
      ModelArchitecture m = HfConfigImporter.load(file);
      if (mustFail) {
        fail("%s: expected an InputException, got %s", what, m);
      }
      assertThat(m.parameterCount()).isPositive();
      return true;
    } catch (InputException e) {
      assertThat(e.getMessage()).as(what).startsWith(file.toString());
      return false;
    } catch (RuntimeException e) {
      throw new AssertionError(what + ": expected an InputException, got " + e, e);
    }
  }

  @Test
  void truncatedConfig_reportsTheFile() throws IOException {
    Path file = tmp.resolve("config.json");
    Files.writeString(file, "{\"model_type\": \"llama\", \"hidden_size\": 40");
    assertThatThrownBy(() -> HfConfigImporter.load(file))
        .isInstanceOf(InputException.class).hasMessageStartingWith(file.toString());
  }
}
