package io.tiersim.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.io.InputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HfConfigImporterTest {
  @TempDir Path tmp;

  static Path fixture(String folder) {
    try {
      return Path.of(Objects.requireNonNull(
          HfConfigImporterTest.class.getResource("/llm/" + folder + "/config.json")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path write(String json) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("my-model"));
    return Files.writeString(dir.resolve("config.json"), json);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String json, String field)
      throws IOException {
    Path file = write(json);
    return assertThatThrownBy(() -> HfConfigImporter.load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("field '" + field + "'")
        .satisfies(e -> assertThat(((InputException) e).field()).isEqualTo(field));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"llama-3.1-8b", "mixtral-8x7b", "opt-6.7b", "qwen2-7b", "deepseek-v2-lite",
      "deepseek-v3", "glm-4-9b-1m", "yi-9b-200k"})
  void realConfig_importsToTheCatalogShape(String id) {
    ModelArchitecture imported = HfConfigImporter.load(fixture(id));
    ModelArchitecture preset = ModelCatalog.get(id);
    assertThat(imported.parameterCount()).isEqualTo(preset.parameterCount());
    assertThat(imported.activeParameterCount()).isEqualTo(preset.activeParameterCount());
    assertThat(imported.kvCacheElementsPerToken()).isEqualTo(preset.kvCacheElementsPerToken());
    assertThat(imported).usingRecursiveComparison()
        .comparingOnlyFields("numLayers", "hiddenSize", "numAttentionHeads", "numKeyValueHeads",
            "headDim", "intermediateSize", "ffnKind", "vocabSize", "tiedEmbeddings",
            "maxPositionEmbeddings", "positionEncoding", "normKind", "attentionBias",
            "outputProjectionBias", "mlpBias", "moe", "mla", "ropeTheta", "slidingWindow")
        .isEqualTo(preset);
    assertThat(imported.publishedParameters()).isEqualTo((double) imported.parameterCount());
  }

  @Test
  void id_comesFromNameOrPath_elseFromTheFolder() {
    assertThat(HfConfigImporter.load(fixture("opt-6.7b")).id()).isEqualTo("opt-6.7b");
    assertThat(HfConfigImporter.load(fixture("opt-6.7b")).displayName()).isEqualTo("facebook/opt-6.7b");
    assertThat(HfConfigImporter.load(fixture("glm-4-9b-1m")).id()).isEqualTo("glm-4-9b-chat-1m");
    assertThat(HfConfigImporter.load(fixture("llama-3.1-8b")).id()).isEqualTo("llama-3.1-8b");
  }

  @Test
  void slug_lowercasesAndHyphenates() {
    assertThat(HfConfigImporter.slug("Meta-Llama-3.1-8B_Instruct")).isEqualTo("meta-llama-3.1-8b-instruct");
    assertThat(HfConfigImporter.slug("  My Model (v2)!  ")).isEqualTo("my-model-v2");
    assertThat(HfConfigImporter.slug("...")).isEmpty();
  }

  @Test
  void phi3StyleConfig_usesDefaultsForKvHeadsAndHeadDim() throws IOException {
    Path file = write("""
        {"model_type": "phi3", "hidden_size": 3072, "num_attention_heads": 32,
         "num_hidden_layers": 32, "intermediate_size": 8192, "vocab_size": 32064,
         "max_position_embeddings": 131072, "sliding_window": 262144}
        """);
    ModelArchitecture m = HfConfigImporter.load(file);
    assertThat(m.parameterCount()).isEqualTo(ModelCatalog.get("phi-3-mini-128k").parameterCount());
    assertThat(m.numKeyValueHeads()).isEqualTo(32);
    assertThat(m.headDim()).isEqualTo(96);
    assertThat(m.slidingWindow()).as("a window beyond the context limits nothing").isNull();
    assertThat(m.id()).isEqualTo("my-model");
  }

  @Test
  void mistralConfig_keepsItsSlidingWindow() throws IOException {
    Path file = write("""
        {"model_type": "mistral", "hidden_size": 4096, "num_attention_heads": 32,
         "num_key_value_heads": 8, "num_hidden_layers": 32, "intermediate_size": 14336,
         "vocab_size": 32000, "max_position_embeddings": 32768, "sliding_window": 4096}
        """);
    ModelArchitecture m = HfConfigImporter.load(file);
    assertThat(m.slidingWindow()).isEqualTo(4096);
    assertThat(m.parameterCount()).isEqualTo(ModelCatalog.get("mistral-7b").parameterCount());
  }

  @Test
  void gemma2Config_alternatesWindowedAndGlobalLayers() throws IOException {
    // google/gemma-2-9b's config.json shapes.
    Path file = write("""
        {"model_type": "gemma2", "hidden_size": 3584, "intermediate_size": 14336, "num_hidden_layers": 42,
         "num_attention_heads": 16, "num_key_value_heads": 8, "head_dim": 256, "vocab_size": 256000,
         "max_position_embeddings": 8192, "sliding_window": 4096, "hidden_activation": "gelu_pytorch_tanh",
         "query_pre_attn_scalar": 256, "attn_logit_softcapping": 50.0, "final_logit_softcapping": 30.0}
        """);
    ModelArchitecture m = HfConfigImporter.load(file);
    assertThat(m.slidingWindow()).isEqualTo(4096);
    assertThat(m.globalAttentionEvery()).isEqualTo(2);
    assertThat(m.attentionWindow(0)).isEqualTo(4096);
    assertThat(m.attentionWindow(1)).isZero();
    assertThat(m.attentionWindow(41)).isZero();
    assertThat(m.tiedEmbeddings()).isTrue();
    // The model card's 9.24B, less the two extra norm vectors per layer tiersim does not count.
    assertThat(m.parameterCount()).isEqualTo(9_241_705_984L - 42L * 2 * 3584);
  }

  @Test
  void layerTypes_setThePeriodOfGlobalLayers_andAnIrregularListIsRefused() throws IOException {
    String gemma3 = """
        {"model_type": "gemma3_text", "hidden_size": 2560, "intermediate_size": 10240, "num_hidden_layers": 12,
         "num_attention_heads": 8, "num_key_value_heads": 4, "head_dim": 256, "vocab_size": 262208,
         "max_position_embeddings": 131072, "sliding_window": 1024, "rope_theta": 1000000,
         "layer_types": [%s]}
        """;
    String regular = String.join(", ", java.util.Collections.nCopies(2,
        "\"sliding_attention\", \"sliding_attention\", \"sliding_attention\", \"sliding_attention\", "
            + "\"sliding_attention\", \"full_attention\""));
    ModelArchitecture m = HfConfigImporter.load(write(gemma3.formatted(regular)));
    assertThat(m.globalAttentionEvery()).isEqualTo(6);
    assertThat(m.attentionWindow(4)).isEqualTo(1024);
    assertThat(m.attentionWindow(5)).isZero();
    assertThat(m.attentionWindow(11)).isZero();
    String irregular = regular.replaceFirst("sliding_attention", "full_attention");
    assertRejected(gemma3.formatted(irregular), "layer_types").hasMessageContaining("but layer 1 is 'sliding_attention'");
    // Without layer_types, Gemma 3's sliding_window_pattern (default 6) says the same.
    ModelArchitecture byPattern = HfConfigImporter.load(write(gemma3.formatted(regular)
        .replace(", \n         \"layer_types\"", "").replaceAll(",\\s*\"layer_types\": \\[[^]]*\\]", "")));
    assertThat(byPattern.globalAttentionEvery()).isEqualTo(6);
  }

  @Test
  void qwen3Configs_matchTheirModelCards() throws IOException {
    // Qwen/Qwen3-8B: 8.2B parameters, 6.95B without embeddings (model card); no biases, untied.
    ModelArchitecture dense = HfConfigImporter.load(write("""
        {"model_type": "qwen3", "hidden_size": 4096, "intermediate_size": 12288, "num_hidden_layers": 36,
         "num_attention_heads": 32, "num_key_value_heads": 8, "head_dim": 128, "vocab_size": 151936,
         "max_position_embeddings": 40960, "rope_theta": 1000000, "tie_word_embeddings": false,
         "attention_bias": false, "use_sliding_window": false, "sliding_window": null}
        """));
    assertThat(dense.attentionBias()).isFalse();
    assertThat(dense.parameterCount() / 8.2e9).isBetween(0.99, 1.01);
    assertThat((dense.parameterCount() - 2L * 151936 * 4096) / 6.95e9).isBetween(0.995, 1.005);
    // Qwen/Qwen3-30B-A3B: 30.5B total, 3.3B activated; 128 experts, 8 routed per token, no shared expert.
    ModelArchitecture moe = HfConfigImporter.load(write("""
        {"model_type": "qwen3_moe", "hidden_size": 2048, "intermediate_size": 6144, "num_hidden_layers": 48,
         "num_attention_heads": 32, "num_key_value_heads": 4, "head_dim": 128, "vocab_size": 151936,
         "max_position_embeddings": 40960, "rope_theta": 1000000, "tie_word_embeddings": false,
         "num_experts": 128, "num_experts_per_tok": 8, "moe_intermediate_size": 768,
         "decoder_sparse_step": 1, "mlp_only_layers": [], "norm_topk_prob": true}
        """));
    assertThat(moe.isMoeLayer(0)).isTrue();
    assertThat(moe.parameterCount() / 30.5e9).isBetween(0.99, 1.01);
    assertThat(moe.activeParameterCount() / 3.3e9).isBetween(0.97, 1.03);
    assertRejected("""
        {"model_type": "qwen3_moe", "hidden_size": 2048, "intermediate_size": 6144, "num_hidden_layers": 48,
         "num_attention_heads": 32, "num_key_value_heads": 4, "head_dim": 128, "vocab_size": 151936,
         "max_position_embeddings": 40960, "num_experts": 128, "num_experts_per_tok": 8,
         "moe_intermediate_size": 768, "mlp_only_layers": [0, 47]}
        """, "mlp_only_layers");
  }

  @Test
  void gptOssConfig_alternates128TokenWindows_andMatchesTheModelCard() throws IOException {
    String layers = String.join(", ", java.util.Collections.nCopies(12, "\"sliding_attention\", \"full_attention\""));
    // openai/gpt-oss-20b: 20.91B parameters, 3.61B active per token (the model card counts the
    // unembedding, not the input embedding, as active).
    ModelArchitecture m = HfConfigImporter.load(write(("""
        {"model_type": "gpt_oss", "hidden_size": 2880, "intermediate_size": 2880, "num_hidden_layers": 24,
         "num_attention_heads": 64, "num_key_value_heads": 8, "head_dim": 64, "vocab_size": 201088,
         "max_position_embeddings": 131072, "sliding_window": 128, "rope_theta": 150000,
         "tie_word_embeddings": false, "num_local_experts": 32, "num_experts_per_tok": 4,
         "attention_bias": true, "layer_types": [%s]}
        """).formatted(layers)));
    assertThat(m.attentionWindow(0)).isEqualTo(128);
    assertThat(m.attentionWindow(1)).isZero();
    assertThat(m.parameterCount() / 20.91e9).isBetween(0.998, 1.002);
    assertThat((m.activeParameterCount() - 201088L * 2880) / 3.61e9).isBetween(0.99, 1.01);
  }

  @Test
  void gemma3MultimodalConfig_importsItsTextConfig_overTheConfigClassDefaults() throws IOException {
    // google/gemma-3-27b-it's config.json: the language model is text_config, which leaves out the
    // vocabulary size and position limit (Gemma3TextConfig's defaults apply).
    Path file = write("""
        {"architectures": ["Gemma3ForConditionalGeneration"], "model_type": "gemma3",
         "_name_or_path": "google/gemma-3-27b-it", "mm_tokens_per_image": 256,
         "text_config": {"model_type": "gemma3_text", "head_dim": 128, "hidden_size": 5376,
           "intermediate_size": 21504, "num_attention_heads": 32, "num_hidden_layers": 62,
           "num_key_value_heads": 16, "query_pre_attn_scalar": 168, "sliding_window": 1024,
           "rope_scaling": {"factor": 8.0, "rope_type": "linear"}},
         "vision_config": {"hidden_size": 1152, "num_hidden_layers": 27}}
        """);
    ModelArchitecture m = HfConfigImporter.load(file);
    assertThat(m.id()).isEqualTo("gemma-3-27b-it");
    assertThat(m.vocabSize()).isEqualTo(262_208);
    assertThat(m.maxPositionEmbeddings()).isEqualTo(131_072);
    assertThat(m.attentionWindow(4)).isEqualTo(1024);
    assertThat(m.attentionWindow(5)).isZero();
    // The Gemma 3 report's 25,600M non-embedding parameters for the 27B model.
    assertThat((m.parameterCount() - 262_208L * 5376) / 25.6e9).isBetween(0.999, 1.001);
    assertRejected("""
        {"model_type": "gemma3", "text_config": {"hidden_size": -1}}
        """, "text_config.hidden_size");
  }

  @Test
  void malformedJson_namesTheFileAndLine() throws IOException {
    Path file = write("{\n  \"model_type\": \"llama\",\n  \"hidden_size\": 4096,,\n}");
    assertThatThrownBy(() -> HfConfigImporter.load(file))
        .isInstanceOf(InputException.class)
        .hasMessageContaining(file.toString() + ":3")
        .satisfies(e -> assertThat(((InputException) e).line()).isEqualTo(3));
  }

  @Test
  void missingHiddenSize_namesTheField() throws IOException {
    assertRejected("""
        {"model_type": "llama", "num_attention_heads": 32, "num_hidden_layers": 32,
         "intermediate_size": 11008, "vocab_size": 32000, "max_position_embeddings": 4096}
        """, "hidden_size").hasMessageContaining("missing");
  }

  @Test
  void negativeLayerCount_namesTheFieldAndLine() throws IOException {
    assertRejected("""
        {
          "model_type": "llama",
          "hidden_size": 4096,
          "num_attention_heads": 32,
          "num_hidden_layers": -32,
          "intermediate_size": 11008,
          "vocab_size": 32000,
          "max_position_embeddings": 4096
        }
        """, "num_hidden_layers")
        .hasMessageContaining(":5:")
        .hasMessageContaining("expected a positive integer, got -32");
  }

  @Test
  void stringWhereANumberBelongs_isRejected() throws IOException {
    assertRejected("""
        {"model_type": "llama", "hidden_size": "4096", "num_attention_heads": 32}
        """, "hidden_size").hasMessageContaining("expected an integer");
  }

  @Test
  void kvHeadsNotDividingHeads_namesTheJsonKey() throws IOException {
    assertRejected("""
        {"model_type": "chatglm", "num_layers": 2, "hidden_size": 4096, "num_attention_heads": 32,
         "multi_query_attention": true, "multi_query_group_num": 5, "kv_channels": 128,
         "ffn_hidden_size": 13696, "padded_vocab_size": 151552, "seq_length": 8192}
        """, "multi_query_group_num").hasMessageContaining("divisor");
  }

  @Test
  void unsupportedModelType_listsTheSupportedOnes() throws IOException {
    assertRejected("{\"model_type\": \"mamba\"}", "model_type")
        .hasMessageContaining("unsupported model_type 'mamba'")
        .hasMessageContaining("deepseek_v2");
  }

  @Test
  void topLevelArray_isRejected() throws IOException {
    Path file = write("[1, 2]");
    assertThatThrownBy(() -> HfConfigImporter.load(file)).isInstanceOf(InputException.class)
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void optWithProjectedEmbeddings_isRejectedAsUnsupported() throws IOException {
    assertRejected("""
        {"model_type": "opt", "hidden_size": 1024, "num_attention_heads": 16,
         "num_hidden_layers": 24, "ffn_dim": 4096, "vocab_size": 50272, "word_embed_proj_dim": 512}
        """, "word_embed_proj_dim");
  }

  @Test
  void deepseekWithTopKAboveExperts_namesTheJsonKey() throws IOException {
    String json = Files.readString(fixture("deepseek-v2-lite"))
        .replace("\"num_experts_per_tok\": 6", "\"num_experts_per_tok\": 65");
    assertRejected(json, "num_experts_per_tok");
  }
}
