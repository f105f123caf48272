package io.tiersim.model.llm;

import static io.tiersim.model.llm.FfnKind.GATED;
import static io.tiersim.model.llm.FfnKind.PLAIN;

import io.tiersim.model.io.InputException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled model presets, registered explicitly under stable ids, each citing the Hugging Face
 * {@code config.json} (or paper) its shapes follow. {@link #resolve} also accepts a path to a
 * Hugging Face {@code config.json}, imported with {@link HfConfigImporter}.
 */
public final class ModelCatalog {
  private static final String HF = "https://huggingface.co/";
  private static final Map<String, ModelArchitecture> PRESETS = register();

  private ModelCatalog() {}

  /** The preset with this id (case-insensitive). */
  public static ModelArchitecture get(String id) {
    String key = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    ModelArchitecture found = PRESETS.get(key);
    if (found == null) {
      throw InputException.of("model", "unknown model '" + id + "'; " + suggestion(key) + "known: "
          + String.join(", ", PRESETS.keySet()) + " (or give a path to a Hugging Face config.json)");
    }
    return found;
  }

  /** Every preset, in registration order (by family, then size). */
  public static List<ModelArchitecture> all() {
    return List.copyOf(PRESETS.values());
  }

  /** The ids of every preset, in the order of {@link #all()}. */
  public static List<String> ids() {
    return List.copyOf(PRESETS.keySet());
  }

  /**
   * A preset id, or a Hugging Face {@code config.json}: a string ending in {@code .json} or naming
   * an existing file (relative to {@code baseDir}, or the working directory when it is null) is
   * imported; anything else is looked up with {@link #get}.
   */
  public static ModelArchitecture resolve(String idOrPath, Path baseDir) {
    if (idOrPath == null || idOrPath.isBlank()) {
      throw InputException.of("model", "missing; give a model id or a path to a Hugging Face config.json");
    }
    Path file = asFile(idOrPath.trim(), baseDir == null ? Path.of("") : baseDir);
    return file != null ? HfConfigImporter.load(file) : get(idOrPath);
  }

  private static Path asFile(String text, Path baseDir) {
    try {
      Path file = baseDir.resolve(text);
      boolean json = text.toLowerCase(Locale.ROOT).endsWith(".json");
      return json || Files.isRegularFile(file) ? file : null;
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static String suggestion(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String id : PRESETS.keySet()) {
      int d = editDistance(key, id);
      if (d < bestDistance) {
        best = id;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(3, key.length() / 2) ? "did you mean '" + best + "'? " : "";
  }

  /** Levenshtein distance, for suggesting the closest id. */
  static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  // ---- presets ------------------------------------------------------------------------------

  private static Map<String, ModelArchitecture> register() {
    List<ModelArchitecture> list = new ArrayList<>();
    list.addAll(opt());
    list.addAll(llama());
    list.addAll(others());
    Map<String, ModelArchitecture> map = new LinkedHashMap<>();
    for (ModelArchitecture m : list) {
      if (map.put(m.id(), m) != null) {
        throw new IllegalStateException("duplicate model id " + m.id());
      }
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * OPT (Zhang et al. 2022, arXiv:2205.01068): learned positions, LayerNorm, ReLU MLP of 4x
   * hidden, biases everywhere, tied embeddings, vocabulary 50272.
   */
  private static List<ModelArchitecture> opt() {
    return List.of(
        opt("opt-6.7b", "OPT-6.7B", 32, 4096, 32, 6.7e9).build(),
        opt("opt-13b", "OPT-13B", 40, 5120, 40, 13e9).build(),
        opt("opt-30b", "OPT-30B", 48, 7168, 56, 30e9).build(),
        opt("opt-66b", "OPT-66B", 64, 9216, 72, 66e9).build(),
        // Not on the Hugging Face hub (weights on request through metaseq); shapes from the
        // paper's Table 1, vocabulary as for the smaller OPTs. 174.6e9 counted vs 175B nominal.
        opt("opt-175b", "OPT-175B", 96, 12288, 96, 175e9)
            .source("OPT paper (arXiv:2205.01068) Table 1: 96 layers, 96 heads, d_model 12288; "
                + "vocabulary and positions as facebook/opt-66b config.json")
            .build());
  }

  private static ModelArchitecture.Builder opt(
      String id, String name, int layers, int hidden, int heads, double published) {
    return ModelArchitecture.builder().id(id).displayName(name).family("opt")
        .numLayers(layers).hiddenSize(hidden).numAttentionHeads(heads).numKeyValueHeads(heads)
        .headDim(hidden / heads).intermediateSize(4 * hidden).ffnKind(PLAIN).activation("relu")
        .vocabSize(50272).tiedEmbeddings(true).maxPositionEmbeddings(2048)
        .positionEncoding(PositionEncoding.LEARNED).ropeTheta(0).normKind(NormKind.LAYER_NORM)
        .attentionBias(true).outputProjectionBias(true).mlpBias(true)
        .publishedParameters(published).source(HF + "facebook/" + id + "/blob/main/config.json");
  }

  /** A Llama-style decoder: RoPE, RMSNorm, SwiGLU, no biases, untied embeddings. */
  private static ModelArchitecture.Builder decoder(String id, String name, String family,
      int layers, int hidden, int heads, int kvHeads, int ffn, int vocab, int maxPositions) {
    return ModelArchitecture.builder().id(id).displayName(name).family(family)
        .numLayers(layers).hiddenSize(hidden).numAttentionHeads(heads).numKeyValueHeads(kvHeads)
        .headDim(hidden / heads).intermediateSize(ffn).ffnKind(GATED).activation("silu")
        .vocabSize(vocab).tiedEmbeddings(false).maxPositionEmbeddings(maxPositions)
        .positionEncoding(PositionEncoding.ROTARY).ropeTheta(10000).normKind(NormKind.RMS_NORM);
  }

  private static List<ModelArchitecture> llama() {
    ModelArchitecture llama3 = decoder("llama-3-8b", "Llama-3-8B", "llama", 32, 4096, 32, 8, 14336,
        128256, 8192).ropeTheta(500000).publishedParameters(8.03e9)
        .source(HF + "meta-llama/Meta-Llama-3-8B/blob/main/config.json").build();
    return List.of(
        // The LLaMA paper (arXiv:2302.13971) calls it 6.7B.
        decoder("llama-7b", "LLaMA-7B", "llama", 32, 4096, 32, 32, 11008, 32000, 2048)
            .publishedParameters(6.7e9)
            .source(HF + "huggyllama/llama-7b/blob/main/config.json (LLaMA v1, arXiv:2302.13971)").build(),
        // The hub reports 6.74B; the "7B" in the name is rounded (3.7 % above the count).
        decoder("llama-2-7b", "Llama-2-7B", "llama", 32, 4096, 32, 32, 11008, 32000, 4096)
            .publishedParameters(6.74e9).source(HF + "meta-llama/Llama-2-7b-hf/blob/main/config.json").build(),
        decoder("llama-2-13b", "Llama-2-13B", "llama", 40, 5120, 40, 40, 13824, 32000, 4096)
            .publishedParameters(13e9).source(HF + "meta-llama/Llama-2-13b-hf/blob/main/config.json").build(),
        decoder("llama-2-70b", "Llama-2-70B", "llama", 80, 8192, 64, 8, 28672, 32000, 4096)
            .publishedParameters(70e9).source(HF + "meta-llama/Llama-2-70b-hf/blob/main/config.json").build(),
        llama3,
        decoder("llama-3-70b", "Llama-3-70B", "llama", 80, 8192, 64, 8, 28672, 128256, 8192)
            .ropeTheta(500000).publishedParameters(70.6e9)
            .source(HF + "meta-llama/Meta-Llama-3-70B/blob/main/config.json").build(),
        llama31("llama-3.1-8b", "Llama-3.1-8B", llama3.toBuilder(), 8.03e9),
        llama31("llama-3.1-70b", "Llama-3.1-70B",
            decoder("x", "x", "llama", 80, 8192, 64, 8, 28672, 128256, 8192), 70.6e9),
        llama31("llama-3.1-405b", "Llama-3.1-405B",
            decoder("x", "x", "llama", 126, 16384, 128, 8, 53248, 128256, 8192), 405e9),
        // Gradient's continued pre-training of Llama-3-8B-Instruct: same weights' shapes, RoPE
        // theta raised to 3.58e9 (an earlier revision had 2.8e9), 1M positions.
        llama3.toBuilder().id("llama-3-8b-1m").displayName("Llama-3-8B-Instruct-Gradient-1048k")
            .maxPositionEmbeddings(1048576).ropeTheta(3580165449.0)
            .source(HF + "gradientai/Llama-3-8B-Instruct-Gradient-1048k/blob/main/config.json").build());
  }

  private static ModelArchitecture llama31(
      String id, String name, ModelArchitecture.Builder base, double published) {
    return base.id(id).displayName(name).maxPositionEmbeddings(131072).ropeTheta(500000)
        .publishedParameters(published)
        .source(HF + "meta-llama/" + name + "/blob/main/config.json "
            + "(rope_scaling llama3, factor 8)").build();
  }

  private static List<ModelArchitecture> others() {
    return List.of(
        // Mistral announced 7.3B; the hub reports 7.24B.
        decoder("mistral-7b", "Mistral-7B-v0.1", "mistral", 32, 4096, 32, 8, 14336, 32000, 32768)
            .slidingWindow(4096).publishedParameters(7.24e9)
            .source(HF + "mistralai/Mistral-7B-v0.1/blob/main/config.json").build(),
        decoder("mixtral-8x7b", "Mixtral-8x7B-v0.1", "mixtral", 32, 4096, 32, 8, 14336, 32000, 32768)
            .ropeTheta(1e6).moe(new MoeSpec(8, 2, 14336, 0, 0)).publishedParameters(46.7e9)
            .source(HF + "mistralai/Mixtral-8x7B-v0.1/blob/main/config.json").build(),
        // The hub reports 7.62B; the Qwen2 blog's "7.07B" counts the untied embedding once.
        decoder("qwen2-7b", "Qwen2-7B", "qwen2", 28, 3584, 28, 4, 18944, 152064, 131072)
            .ropeTheta(1e6).attentionBias(true).publishedParameters(7.62e9)
            .source(HF + "Qwen/Qwen2-7B/blob/main/config.json").build(),
        glm4(),
        // The hub reports 8.83B; the "9B" in the name is rounded (1.9 % above the count).
        decoder("yi-9b-200k", "Yi-9B-200K", "yi", 48, 4096, 32, 4, 11008, 64000, 262144)
            .ropeTheta(1e7).publishedParameters(8.83e9)
            .source(HF + "01-ai/Yi-9B-200K/blob/main/config.json").build(),
        decoder("phi-3-mini-128k", "Phi-3-mini-128k-instruct", "phi3", 32, 3072, 32, 32, 8192, 32064, 131072)
            .publishedParameters(3.8e9)
            .source(HF + "microsoft/Phi-3-mini-128k-instruct/blob/main/config.json "
                + "(fused qkv_proj and gate_up_proj; longrope scaling from 4096)").build(),
        deepseekV2Lite(),
        deepseekV3());
  }

  /**
   * GLM-4-9B-Chat-1M: ChatGLM layout (fused query_key_value with bias, no other biases), 4 KV
   * groups. The name says 9B; the count is 9.48B (4.6 % above), so the nominal size recorded is
   * the hub's 9.4B.
   */
  private static ModelArchitecture glm4() {
    return decoder("glm-4-9b-1m", "GLM-4-9B-Chat-1M", "glm4", 40, 4096, 32, 4, 13696, 151552, 1048576)
        .ropeTheta(10000.0 * 10000).attentionBias(true).publishedParameters(9.4e9)
        .source(HF + "THUDM/glm-4-9b-chat-1m/blob/main/config.json (num_layers 40, "
            + "multi_query_group_num 4, kv_channels 128, ffn_hidden_size 13696, padded_vocab_size "
            + "151552, seq_length 1048576, rope_ratio 10000)").build();
  }

  /**
   * DeepSeek-V3: MLA with q compression (rank 1536), 256 routed experts (top 8) and one shared in
   * every layer after the first three. The 61 layers a forward pass runs come to 671.03B
   * parameters, 37.55B active per token with both embedding matrices; the model card says 671B
   * total, 37B activated. Its multi-token-prediction module (another 14B in the checkpoint) is not
   * part of inference.
   */
  private static ModelArchitecture deepseekV3() {
    return decoder("deepseek-v3", "DeepSeek-V3", "deepseek-v3", 61, 7168, 128, 128, 18432, 129280, 163840)
        .headDim(192).mla(new MlaSpec(1536, 512, 128, 64, 128)).moe(new MoeSpec(256, 8, 2048, 1, 3))
        .publishedParameters(671e9)
        .source(HF + "deepseek-ai/DeepSeek-V3/blob/main/config.json (671B total, 37B activated per the "
            + "model card; yarn rope scaling 40x from 4096; fp8 checkpoint, here counted as parameters)").build();
  }

  /** DeepSeek-V2-Lite: MLA without q compression, 64 routed experts (top 6) and 2 shared. */
  private static ModelArchitecture deepseekV2Lite() {
    return decoder("deepseek-v2-lite", "DeepSeek-V2-Lite", "deepseek-v2", 27, 2048, 16, 16, 10944, 102400, 163840)
        .headDim(192).mla(new MlaSpec(0, 512, 128, 64, 128)).moe(new MoeSpec(64, 6, 1408, 2, 1))
        .publishedParameters(15.7e9)
        .source(HF + "deepseek-ai/DeepSeek-V2-Lite/blob/main/config.json (15.7B total, 2.4B "
            + "activated per the model card; yarn rope scaling 40x from 4096)").build();
  }
}
