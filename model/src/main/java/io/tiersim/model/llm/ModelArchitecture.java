package io.tiersim.model.llm;

import io.tiersim.model.io.Require;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A decoder-only transformer, with the shapes its Hugging Face {@code config.json} gives and the
 * exact parameter and KV-cache counts that follow from the {@code transformers} modelling code of
 * its family (Llama, Mistral/Mixtral, Qwen2, Phi-3, OPT, ChatGLM/GLM-4, DeepSeek-V2).
 *
 * <p>Counting conventions: a "matrix" is a 2-D weight (projections, experts, routers, embeddings);
 * a "vector" is a norm weight/bias or a linear bias. Gated MLPs hold gate, up and down matrices,
 * plain MLPs up and down; fused layouts (Phi-3's {@code qkv_proj}/{@code gate_up_proj}, ChatGLM's
 * {@code query_key_value}) count the same. Layer {@code i} of a MoE model is a MoE layer when
 * {@code i >= moe.firstDenseLayers()}; the dense ones use {@code intermediateSize}. Dimensions are
 * bounded (see the constants) so that all counts are exact {@code long}s.
 *
 * @param ropeTheta rotary base frequency; 0 for learned positions
 * @param slidingWindow attention window in tokens, or null when every layer attends to the whole
 *     context (Mistral-7B v0.1: 4096)
 * @param globalAttentionEvery with a window, every this-many-th layer attends to the whole context
 *     and the others to the window (Gemma 2: 2, Gemma 3: 6); null when every layer uses the window
 * @param publishedParameters the nominal size its authors or the Hugging Face hub publish (such as
 *     6.7e9); for imported configs, the exact count
 * @param source where the shapes come from, normally the Hugging Face repo whose config.json it
 *     follows
 */
public record ModelArchitecture(
    String id,
    String displayName,
    String family,
    int numLayers,
    int hiddenSize,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    int intermediateSize,
    FfnKind ffnKind,
    String activation,
    int vocabSize,
    boolean tiedEmbeddings,
    int maxPositionEmbeddings,
    PositionEncoding positionEncoding,
    double ropeTheta,
    Integer slidingWindow,
    Integer globalAttentionEvery,
    NormKind normKind,
    boolean attentionBias,
    boolean outputProjectionBias,
    boolean mlpBias,
    MoeSpec moe,
    MlaSpec mla,
    double publishedParameters,
    String source) {

  public static final int MAX_LAYERS = 1 << 10;
  public static final int MAX_HIDDEN = 1 << 16;
  public static final int MAX_HEADS = 1 << 10;
  public static final int MAX_HEAD_DIM = 1 << 12;
  public static final int MAX_INTERMEDIATE = 1 << 20;
  public static final int MAX_VOCAB = 1 << 22;
  public static final int MAX_POSITIONS = 1 << 30;


  /**
   * Tokens layer {@code layer} attends to at most: the sliding window for a windowed layer, 0 for a
   * layer that attends to the whole context.
   */
  public int attentionWindow(int layer) {
    if (slidingWindow == null) {
      return 0;
    }
    return globalAttentionEvery != null && (layer + 1) % globalAttentionEvery == 0 ? 0 : slidingWindow;
  }
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

  public ModelArchitecture {
    checkIdentity(id, displayName, family, activation, source);
    Require.inRange(numLayers, 1, MAX_LAYERS, "num_layers");
    Require.inRange(hiddenSize, 1, MAX_HIDDEN, "hidden_size");
    Require.inRange(numAttentionHeads, 1, MAX_HEADS, "num_attention_heads");
    Require.inRange(numKeyValueHeads, 1, numAttentionHeads, "num_key_value_heads");
    checkDivides(numKeyValueHeads, numAttentionHeads);
    Require.inRange(headDim, 1, MAX_HEAD_DIM, "head_dim");
    Require.inRange(intermediateSize, 1, MAX_INTERMEDIATE, "intermediate_size");
    Require.present(ffnKind, "ffn_kind");
    Require.inRange(vocabSize, 1, MAX_VOCAB, "vocab_size");
    Require.inRange(maxPositionEmbeddings, 1, MAX_POSITIONS, "max_position_embeddings");
    Require.present(positionEncoding, "position_encoding");
    checkRope(positionEncoding, ropeTheta);
    if (globalAttentionEvery != null) {
      Require.positive(globalAttentionEvery, "global_attention_every");
      if (slidingWindow == null) {
        throw new IllegalArgumentException("global_attention_every: only meaningful with a sliding_window");
      }
    }
    if (slidingWindow != null) {
      Require.positive(slidingWindow, "sliding_window");
    }
    Require.present(normKind, "norm_kind");
    checkMoe(moe, numLayers);
    checkMla(mla, headDim);
    Require.positive(publishedParameters, "published_parameters");
  }

  private static void checkIdentity(
      String id, String displayName, String family, String activation, String source) {
    Require.nonBlank(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id: expected lowercase letters and digits joined by '-' or '.', like 'llama-3.1-8b', got '"
              + id + "'");
    }
    Require.nonBlank(displayName, "display_name");
    Require.nonBlank(family, "family");
    Require.nonBlank(activation, "activation");
    Require.nonBlank(source, "source");
  }

  private static void checkDivides(int kvHeads, int heads) {
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException("num_key_value_heads: expected a divisor of num_attention_heads ("
          + heads + "), got " + kvHeads);
    }
  }

  private static void checkRope(PositionEncoding encoding, double ropeTheta) {
    if (encoding == PositionEncoding.ROTARY) {
      Require.positive(ropeTheta, "rope_theta");
    } else {
      Require.nonNegative(ropeTheta, "rope_theta");
    }
  }

  private static void checkMoe(MoeSpec moe, int numLayers) {
    if (moe != null && moe.firstDenseLayers() > numLayers) {
      throw new IllegalArgumentException("first_dense_layers: expected at most num_layers ("
          + numLayers + "), got " + moe.firstDenseLayers());
    }
  }

  private static void checkMla(MlaSpec mla, int headDim) {
    if (mla != null && headDim != mla.qkHeadDim()) {
      throw new IllegalArgumentException("head_dim: with multi-head latent attention expected "
          + "qk_nope_head_dim + qk_rope_head_dim = " + mla.qkHeadDim() + ", got " + headDim);
    }
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this architecture's values, for deriving a variant. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public boolean isMoe() {
    return moe != null;
  }

  public boolean isMla() {
    return mla != null;
  }

  /** Query heads sharing one KV head (1 for multi-head attention, 8 for Llama-3-8B). */
  public int queryHeadsPerKvHead() {
    return numAttentionHeads / numKeyValueHeads;
  }

  /** Whether the given layer's feed-forward is a mixture of experts rather than a dense MLP. */
  public boolean isMoeLayer(int layer) {
    Objects.checkIndex(layer, numLayers);
    return moe != null && layer >= moe.firstDenseLayers();
  }

  // ---- totals -------------------------------------------------------------------------------

  /**
   * All parameters, exactly as {@code model.num_parameters()} reports them for the Hugging Face
   * checkpoint (tied embeddings counted once). Computed per layer kind, independently of the
   * per-layer methods, so {@code parameterCount() == embeddingMatrixParameterCount() +
   * nonLayerVectorParameterCount() + Σ (layerMatrixParameterCount(i) + layerVectorParameterCount(i))}
   * is a real check.
   */
  public long parameterCount() {
    long dense = denseLayerCount() * (attentionMatrices() + denseFfnMatrices() + denseLayerVectors());
    long sparse = moe == null ? 0
        : moeLayerCount() * (attentionMatrices() + moeFfnMatrices() + moeLayerVectors());
    return embeddingMatrixParameterCount() + nonLayerVectorParameterCount() + dense + sparse;
  }

  /**
   * Parameters that one token's forward pass multiplies with: all embeddings and vectors, the
   * attention, and in MoE layers only the router, the top-k routed and the shared experts.
   */
  public long activeParameterCount() {
    long dense = denseLayerCount() * (attentionMatrices() + denseFfnMatrices() + denseLayerVectors());
    long sparse = moe == null ? 0
        : moeLayerCount() * (attentionMatrices() + activeMoeFfnMatrices() + moeLayerVectors());
    return embeddingMatrixParameterCount() + nonLayerVectorParameterCount() + dense + sparse;
  }

  /**
   * Token embedding, plus the learned position table (OPT: {@code max_position_embeddings + 2}
   * rows), plus the {@code lm_head} when it is not tied to the token embedding.
   */
  public long embeddingMatrixParameterCount() {
    long token = (long) vocabSize * hiddenSize;
    long positions = positionEncoding.tableRows(maxPositionEmbeddings) * hiddenSize;
    return token + positions + (tiedEmbeddings ? 0 : token);
  }

  /** Vectors outside the layers: the final norm before the {@code lm_head}. */
  public long nonLayerVectorParameterCount() {
    return normKind.parameters(hiddenSize);
  }

  // ---- per layer ----------------------------------------------------------------------------

  /**
   * Weights of 2-D matrices in the given layer: the attention projections plus the dense MLP, or,
   * in a MoE layer, the router and every routed and shared expert.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= layer < numLayers}
   */
  public long layerMatrixParameterCount(int layer) {
    return attentionMatrices() + (isMoeLayer(layer) ? moeFfnMatrices() : denseFfnMatrices());
  }

  /**
   * Weights of the attention projections of one layer (the same in every layer): q, k, v and o,
   * or DeepSeek's latent projections. The rest of {@link #layerMatrixParameterCount} is the MLP.
   */
  public long attentionMatrixParameterCount() {
    return attentionMatrices();
  }

  /** Weights of one routed expert (its gate/up/down matrices), or 0 for a dense model. */
  public long expertMatrixParameterCount() {
    return moe == null ? 0 : mlpMatrices(moe.expertIntermediateSize());
  }

  /** Norm weights/biases and linear biases in the given layer. */
  public long layerVectorParameterCount(int layer) {
    return isMoeLayer(layer) ? moeLayerVectors() : denseLayerVectors();
  }

  /**
   * Matrix weights of the given layer that one token touches: attention and the dense MLP, or the
   * router plus the top-k routed and all shared experts.
   */
  public long activeLayerMatrixParameterCount(int layer) {
    return attentionMatrices() + (isMoeLayer(layer) ? activeMoeFfnMatrices() : denseFfnMatrices());
  }

  /**
   * Key elements the KV cache stores per token in the given layer: {@code numKeyValueHeads *
   * headDim}. With multi-head latent attention the cache holds the compressed latent and the
   * decoupled rotary key, {@code kvLoraRank + qkRopeHeadDim} (576 for DeepSeek-V2), counted here as
   * key elements.
   */
  public long keyElementsPerToken(int layer) {
    Objects.checkIndex(layer, numLayers);
    return mla != null ? (long) mla.kvLoraRank() + mla.qkRopeHeadDim() : (long) numKeyValueHeads * headDim;
  }

  /**
   * Value elements the KV cache stores per token in the given layer: {@code numKeyValueHeads *
   * headDim}, or 0 with multi-head latent attention, whose values are recomputed from the latent
   * counted by {@link #keyElementsPerToken(int)}.
   */
  public long valueElementsPerToken(int layer) {
    Objects.checkIndex(layer, numLayers);
    return mla != null ? 0 : (long) numKeyValueHeads * headDim;
  }

  /** Key plus value elements per token summed over all layers (multiply by bytes per element). */
  public long kvCacheElementsPerToken() {
    long total = 0;
    for (int layer = 0; layer < numLayers; layer++) {
      total += keyElementsPerToken(layer) + valueElementsPerToken(layer);
    }
    return total;
  }

  // ---- building blocks ----------------------------------------------------------------------

  private long denseLayerCount() {
    return moe == null ? numLayers : moe.firstDenseLayers();
  }

  private long moeLayerCount() {
    return numLayers - denseLayerCount();
  }

  private long attentionMatrices() {
    return mla == null ? standardAttentionMatrices() : latentAttentionMatrices();
  }

  private long standardAttentionMatrices() {
    long qo = 2L * numAttentionHeads * headDim;
    long kv = 2L * numKeyValueHeads * headDim;
    return Math.multiplyExact(qo + kv, hiddenSize);
  }

  /** DeepSeek-V2: q (direct or q_a/q_b), kv_a_proj_with_mqa, kv_b_proj, o_proj. */
  private long latentAttentionMatrices() {
    long heads = numAttentionHeads;
    long qOut = heads * mla.qkHeadDim();
    long q = mla.qLoraRank() == 0
        ? hiddenSize * qOut
        : (long) hiddenSize * mla.qLoraRank() + mla.qLoraRank() * qOut;
    long kvA = (long) hiddenSize * (mla.kvLoraRank() + mla.qkRopeHeadDim());
    long kvB = mla.kvLoraRank() * heads * (mla.qkNopeHeadDim() + mla.vHeadDim());
    long o = heads * mla.vHeadDim() * hiddenSize;
    return q + kvA + kvB + o;
  }

  private long attentionVectors() {
    long outBias = outputProjectionBias ? hiddenSize : 0;
    if (mla == null) {
      long qkvBias = attentionBias ? (long) (numAttentionHeads + 2 * numKeyValueHeads) * headDim : 0;
      return qkvBias + outBias;
    }
    long norms = normKind.parameters(mla.kvLoraRank()) + normKind.parameters(mla.qLoraRank());
    long bias = attentionBias ? (long) mla.qLoraRank() + mla.kvLoraRank() + mla.qkRopeHeadDim() : 0;
    return norms + bias + outBias;
  }

  private long mlpMatrices(int intermediate) {
    return (long) ffnKind.matrices() * hiddenSize * intermediate;
  }

  private long mlpVectors(int intermediate) {
    return mlpBias ? (long) (ffnKind.matrices() - 1) * intermediate + hiddenSize : 0;
  }

  private long denseFfnMatrices() {
    return mlpMatrices(intermediateSize);
  }

  /** Router ({@code experts x hidden}, no bias) plus routed and shared experts. */
  private long moeFfnMatrices() {
    long experts = (long) moe.numExperts() + moe.numSharedExperts();
    return (long) moe.numExperts() * hiddenSize + experts * mlpMatrices(moe.expertIntermediateSize());
  }

  private long activeMoeFfnMatrices() {
    long experts = (long) moe.expertsPerToken() + moe.numSharedExperts();
    return (long) moe.numExperts() * hiddenSize + experts * mlpMatrices(moe.expertIntermediateSize());
  }

  /** Two norms per layer (before attention and before the MLP), attention and MLP biases. */
  private long denseLayerVectors() {
    return 2 * normKind.parameters(hiddenSize) + attentionVectors() + mlpVectors(intermediateSize);
  }

  private long moeLayerVectors() {
    long experts = (long) moe.numExperts() + moe.numSharedExperts();
    return 2 * normKind.parameters(hiddenSize) + attentionVectors()
        + experts * mlpVectors(moe.expertIntermediateSize());
  }

  /** Fluent construction of a {@link ModelArchitecture}; {@link #build()} validates. */
  public static final class Builder {
    private String id;
    private String displayName;
    private String family;
    private int numLayers;
    private int hiddenSize;
    private int numAttentionHeads;
    private int numKeyValueHeads;
    private int headDim;
    private int intermediateSize;
    private FfnKind ffnKind;
    private String activation;
    private int vocabSize;
    private boolean tiedEmbeddings;
    private int maxPositionEmbeddings;
    private PositionEncoding positionEncoding;
    private double ropeTheta;
    private Integer slidingWindow;
    private Integer globalAttentionEvery;
    private NormKind normKind;
    private boolean attentionBias;
    private boolean outputProjectionBias;
    private boolean mlpBias;
    private MoeSpec moe;
    private MlaSpec mla;
    private double publishedParameters;
    private String source;

    private Builder() {}

    private Builder(ModelArchitecture a) {
      id = a.id; displayName = a.displayName; family = a.family; numLayers = a.numLayers;
      hiddenSize = a.hiddenSize; numAttentionHeads = a.numAttentionHeads;
      numKeyValueHeads = a.numKeyValueHeads; headDim = a.headDim;
      intermediateSize = a.intermediateSize; ffnKind = a.ffnKind; activation = a.activation;
      vocabSize = a.vocabSize; tiedEmbeddings = a.tiedEmbeddings;
      maxPositionEmbeddings = a.maxPositionEmbeddings; positionEncoding = a.positionEncoding;
      ropeTheta = a.ropeTheta; slidingWindow = a.slidingWindow; globalAttentionEvery = a.globalAttentionEvery; normKind = a.normKind;
      attentionBias = a.attentionBias; outputProjectionBias = a.outputProjectionBias;
      mlpBias = a.mlpBias; moe = a.moe; mla = a.mla;
      publishedParameters = a.publishedParameters; source = a.source;
    }

    public Builder id(String v) { id = v; return this; }
    public Builder displayName(String v) { displayName = v; return this; }
    public Builder family(String v) { family = v; return this; }
    public Builder numLayers(int v) { numLayers = v; return this; }
    public Builder hiddenSize(int v) { hiddenSize = v; return this; }
    public Builder numAttentionHeads(int v) { numAttentionHeads = v; return this; }
    public Builder numKeyValueHeads(int v) { numKeyValueHeads = v; return this; }
    public Builder headDim(int v) { headDim = v; return this; }
    public Builder intermediateSize(int v) { intermediateSize = v; return this; }
    public Builder ffnKind(FfnKind v) { ffnKind = v; return this; }
    public Builder activation(String v) { activation = v; return this; }
    public Builder vocabSize(int v) { vocabSize = v; return this; }
    public Builder tiedEmbeddings(boolean v) { tiedEmbeddings = v; return this; }
    public Builder maxPositionEmbeddings(int v) { maxPositionEmbeddings = v; return this; }
    public Builder positionEncoding(PositionEncoding v) { positionEncoding = v; return this; }
    public Builder ropeTheta(double v) { ropeTheta = v; return this; }
    public Builder slidingWindow(Integer v) { slidingWindow = v; return this; }
    public Builder globalAttentionEvery(Integer v) { globalAttentionEvery = v; return this; }
    public Builder normKind(NormKind v) { normKind = v; return this; }
    public Builder attentionBias(boolean v) { attentionBias = v; return this; }
    public Builder outputProjectionBias(boolean v) { outputProjectionBias = v; return this; }
    public Builder mlpBias(boolean v) { mlpBias = v; return this; }
    public Builder moe(MoeSpec v) { moe = v; return this; }
    public Builder mla(MlaSpec v) { mla = v; return this; }
    public Builder publishedParameters(double v) { publishedParameters = v; return this; }
    public Builder source(String v) { source = v; return this; }

    /** Validates and builds; failed checks throw {@link IllegalArgumentException}. */
    public ModelArchitecture build() {
      return new ModelArchitecture(id, displayName, family, numLayers, hiddenSize,
          numAttentionHeads, numKeyValueHeads, headDim, intermediateSize, ffnKind, activation,
          vocabSize, tiedEmbeddings, maxPositionEmbeddings, positionEncoding, ropeTheta,
          slidingWindow, globalAttentionEvery, normKind, attentionBias, outputProjectionBias, mlpBias, moe, mla,
          publishedParameters, source);
    }
  }
}
