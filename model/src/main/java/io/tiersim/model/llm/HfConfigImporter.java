package io.tiersim.model.llm;

import static io.tiersim.model.llm.FfnKind.GATED;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Hugging Face {@code config.json} into a {@link ModelArchitecture}, following the config
 * classes of {@code transformers} (and THUDM's {@code configuration_chatglm.py}) for field names
 * and defaults. Supported {@code model_type}s: llama (and Yi), mistral, mixtral, qwen2, qwen3,
 * qwen3_moe, phi3, gemma, gemma2, gemma3 (its text_config), gemma3_text, glm, chatglm, deepseek_v2, deepseek_v3 (also Kimi
 * K2's), gpt_oss and opt; unknown fields are ignored. Gemma 2 and 3 normalise each sublayer's
 * output too, and Gemma 3 and Qwen 3 their queries and keys; gpt-oss has a learned sink per head
 * and a router bias; those vectors (under 0.01 % of the parameters) are not counted.
 */
public final class HfConfigImporter {
  static final String SUPPORTED =
      "llama, yi, mistral, mixtral, qwen2, qwen3, qwen3_moe, phi3, gemma, gemma2, gemma3, gemma3_text, glm, chatglm, "
          + "deepseek_v2, deepseek_v3, gpt_oss, opt";

  /**
   * The defaults of transformers' {@code Gemma3TextConfig}, which Gemma 3's published text_configs
   * rely on (they leave out the vocabulary size and the position limit, among others).
   */
  static final Map<String, Object> GEMMA3_TEXT_DEFAULTS = Map.ofEntries(
      Map.entry("vocab_size", 262_208), Map.entry("hidden_size", 2304), Map.entry("intermediate_size", 9216),
      Map.entry("num_hidden_layers", 26), Map.entry("num_attention_heads", 8), Map.entry("num_key_value_heads", 4),
      Map.entry("head_dim", 256), Map.entry("max_position_embeddings", 131_072), Map.entry("rope_theta", 1_000_000),
      Map.entry("sliding_window", 4096), Map.entry("sliding_window_pattern", 6),
      Map.entry("hidden_activation", "gelu_pytorch_tanh"));

  private HfConfigImporter() {}

  /**
   * Imports one {@code config.json}. The id comes from {@code _name_or_path} (its last segment),
   * else the parent folder's name, lowercased and hyphenated; {@code publishedParameters} is set to
   * the exact count, since a config carries no nominal size.
   *
   * @throws io.tiersim.model.io.InputException for an unreadable or malformed file, an unsupported
   *     {@code model_type}, or a required field that is missing, mistyped or out of range
   */
  public static ModelArchitecture load(Path configJson) {
    ConfigFields outer = ConfigFields.read(configJson);
    ConfigFields f = outer;
    String type = f.requiredString("model_type", "model_type");
    if (type.equals("gemma3")) {
      // Gemma 3's multimodal config: the language model is its text_config; the vision tower
      // (SigLIP, about 0.4B) only encodes images and is not part of the model here.
      f = outer.nested("text_config", GEMMA3_TEXT_DEFAULTS);
      type = "gemma3_text";
    }
    ModelArchitecture.Builder b = switch (type.toLowerCase(Locale.ROOT)) {
      case "llama", "yi", "mistral", "mixtral", "qwen2", "qwen3", "qwen3_moe", "phi3", "gemma", "gemma2",
          "gemma3_text", "glm", "gpt_oss" ->
          llamaLike(f, type);
      case "chatglm" -> chatGlm(f);
      case "deepseek_v2" -> deepSeek(f, "deepseek-v2");
      case "deepseek_v3" -> deepSeek(f, "deepseek-v3");
      case "opt" -> opt(f);
      default -> throw f.error("model_type", "unsupported model_type '" + type + "'; supported: " + SUPPORTED);
    };
    name(b, outer);
    try {
      ModelArchitecture draft = b.publishedParameters(1).build();
      return draft.toBuilder().publishedParameters(draft.parameterCount()).build();
    } catch (IllegalArgumentException e) {
      throw f.translate(e);
    }
  }

  /** Shapes every Llama-descended config names the same way. */
  private static ModelArchitecture.Builder common(ConfigFields f, String family) {
    int hidden = f.positive("hidden_size", "hidden_size");
    int heads = f.positive("num_attention_heads", "num_attention_heads");
    return ModelArchitecture.builder().family(family)
        .numLayers(f.positive("num_layers", "num_hidden_layers"))
        .hiddenSize(hidden)
        .numAttentionHeads(heads)
        .numKeyValueHeads(f.positive("num_key_value_heads", heads, "num_key_value_heads"))
        .headDim(f.positive("head_dim", defaultHeadDim(f, hidden, heads, "head_dim"), "head_dim"))
        .vocabSize(f.positive("vocab_size", "vocab_size"))
        .maxPositionEmbeddings(f.positive("max_position_embeddings", "max_position_embeddings"))
        .positionEncoding(PositionEncoding.ROTARY)
        .ropeTheta(f.nonNegativeNumber("rope_theta", 10000, "rope_theta"))
        .normKind(NormKind.RMS_NORM)
        .ffnKind(GATED);
  }

  private static int defaultHeadDim(ConfigFields f, int hidden, int heads, String key) {
    if (hidden % heads != 0 && !f.has(key)) {
      throw f.error(key, "missing; hidden_size (" + hidden + ") is not a multiple of "
          + "num_attention_heads (" + heads + "), so " + key + " must be given");
    }
    return hidden / heads;
  }

  private static ModelArchitecture.Builder llamaLike(ConfigFields f, String type) {
    String t = type.toLowerCase(Locale.ROOT);
    boolean gemma = t.startsWith("gemma");
    ModelArchitecture.Builder b = common(f, t.equals("glm") ? "glm4" : t)
        .intermediateSize(f.positive("intermediate_size", "intermediate_size"))
        .activation(f.string("activation", gemma ? "gelu_pytorch_tanh" : "silu",
            "hidden_activation", "hidden_act"))
        .tiedEmbeddings(f.bool("tied_embeddings", gemma, "tie_word_embeddings"));
    biases(b, f, t);
    slidingWindow(b, f, t);
    if (t.equals("mixtral") || t.equals("gpt_oss")) {
      int experts = f.positive("num_experts", "num_local_experts");
      int topK = f.positive("experts_per_token", "num_experts_per_tok");
      b.moe(moe(f, experts, topK, f.positive("intermediate_size", "intermediate_size"), 0, 0));
    }
    if (t.equals("qwen3_moe")) {
      // Qwen3-MoE: every layer routed (decoder_sparse_step 1, no mlp_only_layers), no shared experts.
      if (f.positive("decoder_sparse_step", 1, "decoder_sparse_step") != 1) {
        throw f.error("decoder_sparse_step", "only 1 (every layer a MoE layer) is supported");
      }
      if (f.listSize("mlp_only_layers", "mlp_only_layers") > 0) {
        throw f.error("mlp_only_layers", "dense layers between MoE layers are not supported");
      }
      b.moe(moe(f, f.positive("num_experts", "num_experts"), f.positive("experts_per_token", "num_experts_per_tok"),
          f.positive("expert_intermediate_size", "moe_intermediate_size"), 0, 0));
    }
    return b;
  }

  /**
   * Which projections carry biases: Llama and Gemma put {@code attention_bias} on q, k, v and o;
   * GLM on q, k, v only; Qwen2 always on q, k, v; Mistral, Mixtral, Phi-3 and Yi nowhere.
   */
  private static void biases(ModelArchitecture.Builder b, ConfigFields f, String type) {
    switch (type) {
      case "llama", "gemma", "gemma2", "gemma3_text", "qwen3", "qwen3_moe" -> {
        boolean bias = f.bool("attention_bias", false, "attention_bias");
        b.attentionBias(bias).outputProjectionBias(bias).mlpBias(f.bool("mlp_bias", false, "mlp_bias"));
      }
      case "glm" -> b.attentionBias(f.bool("attention_bias", true, "attention_bias"));
      case "qwen2" -> b.attentionBias(true);
      case "gpt_oss" -> {
        // Biases on q, k, v and o, and on every expert's projections.
        boolean bias = f.bool("attention_bias", true, "attention_bias");
        b.attentionBias(bias).outputProjectionBias(bias).mlpBias(true);
      }
      default -> { }
    }
  }

  /**
   * A sliding window that actually limits attention (Qwen2 only when use_sliding_window), and which
   * layers use it: all of them, or all but every n-th, which attends globally (Gemma 2 alternates,
   * Gemma 3 has five windowed layers per global one); {@code layer_types}, where given, says which.
   */
  private static void slidingWindow(ModelArchitecture.Builder b, ConfigFields f, String type) {
    boolean used = switch (type) {
      case "mistral", "mixtral", "phi3", "gemma2", "gemma3_text", "gpt_oss" -> true;
      case "qwen2" -> f.bool("use_sliding_window", false, "use_sliding_window");
      default -> false;
    };
    Integer window = used ? f.optionalPositive("sliding_window", "sliding_window") : null;
    int maxPositions = f.positive("max_position_embeddings", "max_position_embeddings");
    if (window == null || window >= maxPositions) {
      b.slidingWindow(null);
      return;
    }
    b.slidingWindow(window);
    Integer every = switch (type) {
      case "gemma2" -> 2;
      case "gemma3_text" -> f.positive("global_attention_every", 6, "sliding_window_pattern");
      default -> null;
    };
    List<String> layerTypes = f.optionalStrings("layer_types", "layer_types");
    if (layerTypes != null) {
      int layers = f.positive("num_layers", "num_hidden_layers");
      if (layerTypes.size() != layers) {
        throw f.error("layer_types", "expected one entry per layer (" + layers + "), got " + layerTypes.size());
      }
      every = globalEvery(f, layerTypes);
    }
    b.globalAttentionEvery(every);
  }

  /** The period of the full-attention layers in {@code layer_types}; null when every layer slides. */
  private static Integer globalEvery(ConfigFields f, List<String> layerTypes) {
    int first = layerTypes.indexOf("full_attention");
    if (first < 0) {
      return null;
    }
    int every = first + 1;
    for (int i = 0; i < layerTypes.size(); i++) {
      String expected = (i + 1) % every == 0 ? "full_attention" : "sliding_attention";
      if (!layerTypes.get(i).equals(expected)) {
        throw f.error("layer_types", "expected full_attention at layers " + (every - 1) + ", " + (2 * every - 1)
            + ", ... and sliding_attention elsewhere (a regular pattern), but layer " + i + " is '"
            + layerTypes.get(i) + "'");
      }
    }
    return every;
  }

  private static MoeSpec moe(ConfigFields f, int experts, int topK, int size, int shared, int dense) {
    try {
      return new MoeSpec(experts, topK, size, shared, dense);
    } catch (IllegalArgumentException e) {
      throw f.translate(e);
    }
  }

  /** THUDM's ChatGLM/GLM-4 remote-code config (configuration_chatglm.py). */
  private static ModelArchitecture.Builder chatGlm(ConfigFields f) {
    int hidden = f.positive("hidden_size", "hidden_size");
    int heads = f.positive("num_attention_heads", "num_attention_heads");
    boolean mqa = f.bool("multi_query_attention", false, "multi_query_attention");
    boolean linearBias = f.bool("add_bias_linear", false, "add_bias_linear");
    return ModelArchitecture.builder().family("chatglm")
        .numLayers(f.positive("num_layers", "num_layers"))
        .hiddenSize(hidden).numAttentionHeads(heads)
        .numKeyValueHeads(mqa ? f.positive("num_key_value_heads", 1, "multi_query_group_num") : heads)
        .headDim(f.positive("head_dim", defaultHeadDim(f, hidden, heads, "kv_channels"), "kv_channels"))
        .intermediateSize(f.positive("intermediate_size", "ffn_hidden_size"))
        .ffnKind(GATED).activation("silu")
        .vocabSize(f.positive("vocab_size", "padded_vocab_size"))
        .tiedEmbeddings(f.bool("tied_embeddings", false, "tie_word_embeddings"))
        .maxPositionEmbeddings(f.positive("max_position_embeddings", "seq_length"))
        .positionEncoding(PositionEncoding.ROTARY)
        .ropeTheta(10000 * f.nonNegativeNumber("rope_theta", 1, "rope_ratio"))
        .normKind(f.bool("norm_kind", true, "rmsnorm") ? NormKind.RMS_NORM : NormKind.LAYER_NORM)
        .attentionBias(linearBias || f.bool("attention_bias", false, "add_qkv_bias"))
        .outputProjectionBias(linearBias).mlpBias(linearBias);
  }

  /**
   * DeepSeek-V2 and -V3 (configuration_deepseek.py): multi-head latent attention and DeepSeekMoE.
   * V3's routing (sigmoid scores, grouped top-k without auxiliary loss) changes which experts are
   * chosen, not their shapes; its multi-token-prediction module ({@code num_nextn_predict_layers})
   * is a training and speculative-decoding add-on outside the {@code num_hidden_layers} a forward
   * pass runs, so it is not part of the architecture.
   */
  private static ModelArchitecture.Builder deepSeek(ConfigFields f, String family) {
    MlaSpec mla = mla(f);
    boolean bias = f.bool("attention_bias", false, "attention_bias");
    ModelArchitecture.Builder b = common(f, family).headDim(mla.qkHeadDim()).mla(mla)
        .intermediateSize(f.positive("intermediate_size", "intermediate_size"))
        .activation(f.string("activation", "silu", "hidden_act"))
        .tiedEmbeddings(f.bool("tied_embeddings", false, "tie_word_embeddings"))
        .attentionBias(bias).outputProjectionBias(bias);
    if (f.has("n_routed_experts")) {
      if (f.positive("moe_layer_freq", 1, "moe_layer_freq") != 1) {
        throw f.error("moe_layer_freq", "only 1 (every layer after first_k_dense_replace) is supported");
      }
      b.moe(moe(f, f.positive("num_experts", "n_routed_experts"),
          f.positive("experts_per_token", "num_experts_per_tok"),
          f.positive("expert_intermediate_size", "moe_intermediate_size"),
          f.nonNegative("num_shared_experts", 0, "n_shared_experts"),
          f.nonNegative("first_dense_layers", 0, "first_k_dense_replace")));
    }
    return b;
  }

  private static MlaSpec mla(ConfigFields f) {
    try {
      return new MlaSpec(f.nonNegative("q_lora_rank", 0, "q_lora_rank"),
          f.positive("kv_lora_rank", "kv_lora_rank"),
          f.positive("qk_nope_head_dim", "qk_nope_head_dim"),
          f.positive("qk_rope_head_dim", "qk_rope_head_dim"),
          f.positive("v_head_dim", "v_head_dim"));
    } catch (IllegalArgumentException e) {
      throw f.translate(e);
    }
  }

  /** OPT (OPTConfig): learned positions, LayerNorm, plain MLP, biases per enable_bias, tied. */
  private static ModelArchitecture.Builder opt(ConfigFields f) {
    int hidden = f.positive("hidden_size", "hidden_size");
    int heads = f.positive("num_attention_heads", "num_attention_heads");
    if (f.positive("word_embed_proj_dim", hidden, "word_embed_proj_dim") != hidden) {
      throw f.error("word_embed_proj_dim", "OPT models whose word_embed_proj_dim differs from "
          + "hidden_size (opt-350m, with project_in/project_out) are not supported");
    }
    boolean bias = f.bool("enable_bias", true, "enable_bias");
    return ModelArchitecture.builder().family("opt")
        .numLayers(f.positive("num_layers", "num_hidden_layers"))
        .hiddenSize(hidden).numAttentionHeads(heads).numKeyValueHeads(heads)
        .headDim(defaultHeadDim(f, hidden, heads, "head_dim"))
        .intermediateSize(f.positive("intermediate_size", "ffn_dim"))
        .ffnKind(FfnKind.PLAIN).activation(f.string("activation", "relu", "activation_function"))
        .vocabSize(f.positive("vocab_size", "vocab_size"))
        .tiedEmbeddings(f.bool("tied_embeddings", true, "tie_word_embeddings"))
        .maxPositionEmbeddings(f.positive("max_position_embeddings", 2048, "max_position_embeddings"))
        .positionEncoding(PositionEncoding.LEARNED).ropeTheta(0).normKind(NormKind.LAYER_NORM)
        .attentionBias(bias).outputProjectionBias(bias).mlpBias(bias);
  }

  /** Id, display name and source from {@code _name_or_path} or the folder holding the file. */
  private static void name(ModelArchitecture.Builder b, ConfigFields f) {
    String nameOrPath = f.string("display_name", null, "_name_or_path");
    Path folder = f.file().toAbsolutePath().getParent();
    String folderName = folder == null || folder.getFileName() == null ? "" : folder.getFileName().toString();
    String id = slug(lastSegment(nameOrPath));
    if (id.isEmpty()) {
      id = slug(folderName);
    }
    id = id.isEmpty() ? "imported-model" : id;
    String display = nameOrPath != null && !nameOrPath.isBlank() ? nameOrPath
        : folderName.isEmpty() ? id : folderName;
    b.id(id).displayName(display).source("Hugging Face config.json at " + f.file());
  }

  private static String lastSegment(String nameOrPath) {
    if (nameOrPath == null) {
      return "";
    }
    String s = nameOrPath.replace('\\', '/').replaceAll("/+$", "");
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** Lowercase letters and digits joined by single '-' or '.', as model ids are. */
  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "-");
    s = s.replaceAll("[-.]*-[-.]*", "-").replaceAll("\\.{2,}", ".");
    return s.replaceAll("^[-.]+|[-.]+$", "");
  }
}
