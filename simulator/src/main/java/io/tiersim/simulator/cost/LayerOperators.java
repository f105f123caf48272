package io.tiersim.simulator.cost;

import io.tiersim.model.DataType;
import io.tiersim.model.llm.FfnKind;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.llm.PositionEncoding;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.strategy.AttentionKernel;
import io.tiersim.model.strategy.AttentionSite;
import io.tiersim.model.strategy.CacheGrowth;
import io.tiersim.model.strategy.HeadSplit;
import io.tiersim.model.strategy.KvDequantization;
import io.tiersim.model.strategy.KvFormat;
import io.tiersim.model.strategy.LayerPolicy;
import io.tiersim.model.strategy.SparseRead;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.model.strategy.TierFractions;
import io.tiersim.model.strategy.TokenRetention;
import io.tiersim.model.strategy.WeightFormat;
import io.tiersim.simulator.calibration.AccessPattern;
import io.tiersim.simulator.memory.CacheConcatenation;
import io.tiersim.simulator.memory.KvCacheSizer;
import io.tiersim.simulator.memory.KvLayerBytes;
import io.tiersim.simulator.memory.Phase;
import io.tiersim.simulator.memory.WeightSizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The operators of one transformer layer, and of the embedding and LM head, for one pass, each
 * priced by the {@link CostModel}. This is where methods differ in more than bytes: how KV is
 * dequantised (fused into attention, or into an fp16 copy first as eager code does), what a
 * retention rule computes to choose tokens, what a sparse read scores and gathers, where
 * attention runs and what crosses which link to get it there.
 *
 * <p>Counting conventions: a GEMM of {@code t} tokens over {@code P} weights is {@code 2tP} FLOPs
 * and reads its weights once per GPU batch; decode attention reads the stored KV once; a
 * materialised score matrix is written once and read or rewritten by each eager pass over it.
 */
public final class LayerOperators {
  static final double FP16 = 2;
  static final double FP32 = 4;

  /**
   * CUDA-core operations to dequantise one element: unpack, subtract the zero point, scale (a
   * shift-and-mask plus one fused multiply-add). Assumption from the structure of KIVI's and
   * FlexGen's dequantisation code, not measured.
   */
  static final double DEQUANT_FLOPS_PER_ELEMENT = 4;

  /** Extra operations of a non-uniform datatype: one table lookup per element (KVQuant's nuq). */
  static final double LOOKUP_FLOPS_PER_ELEMENT = 2;

  /**
   * HBM bytes per element of eager group-wise decompression into fp16, as FlexGen's
   * {@code TorchCompressedDevice.decompress} (flexgen/compression.py) does it: a shift and a mask
   * each read the packed bytes and write a uint8 temporary (0.5 + 0.5 B each), two strided copies
   * read those and write the fp16 halves (0.5 + 1 B each), then {@code div_} and {@code add_}
   * read and rewrite the fp16 result (4 B each): 13 bytes, in {@link #EAGER_DECOMPRESS_KERNELS} kernels.
   */
  static final double EAGER_DECOMPRESS_BYTES_PER_ELEMENT = 13;
  static final int EAGER_DECOMPRESS_KERNELS = 6;

  /** Operations to quantise one element: min/max reduction share, scale, round, pack. Assumption. */
  static final double QUANT_FLOPS_PER_ELEMENT = 6;

  /** Softmax operations per score: max, subtract, exp, sum, divide. */
  static final double SOFTMAX_FLOPS_PER_SCORE = 5;

  /**
   * Passes over the materialised fp16 score matrix in eager attention: the QK^T output is written,
   * the mask ({@code torch.where}) reads it and writes a new one, softmax reads and writes, and the
   * PV matmul reads it: 6 (FlexGen's {@code mha}, Hugging Face's eager attention).
   */
  static final int EAGER_SCORE_PASSES = 6;

  /**
   * Framework calls of eager decode attention that launch nothing, counted in FlexGen's {@code
   * mha_gen}: three views and three permute-reshapes of q, k, v; two cache slices; two
   * permute-reshapes of the cached k and v; in the attention weights a view of the mask, two
   * views and the scalar {@code torch.tensor}; after the PV matmul a view, a transpose and a view
   * (22).
   */
  static final int EAGER_DECODE_HOST_CALLS = 22;

  /**
   * Framework calls of H2O's per-step bookkeeping that launch nothing ({@code mha_gen}'s squeeze,
   * transpose, device move and slice; per {@code cache_replace} of keys and values an unsqueeze,
   * a device move, a view, an expand, an unsqueeze, a device move and a squeeze; in {@code
   * acc_replace} two unsqueezes and two device moves): 5 + 2 x 7 + 4 = 23.
   */
  static final int H2O_STEP_HOST_CALLS = 23;

  /** Query rows per FlashAttention tile: K and V are re-read once per tile (FlashAttention-2's block of 128). */
  static final int FLASH_QUERY_TILE = 128;

  /** Kernels of one eager attention: two batched matmuls, the mask, softmax and its cast. */
  static final int EAGER_ATTENTION_KERNELS = 5;

  /** Kernels of one flash attention call: the kernel and, in decode, its split-K combine. */
  static final int FLASH_ATTENTION_KERNELS = 2;

  private final ModelArchitecture model;
  private final CostModel cost;
  private final Runtime runtime;
  private final DataType computeType;

  public LayerOperators(ModelArchitecture model, CostModel cost, Runtime runtime) {
    this.model = model;
    this.cost = cost;
    this.runtime = runtime;
    this.computeType = cost.supports(DataType.FP16) ? DataType.FP16 : DataType.BF16;
  }

  public CostModel cost() {
    return cost;
  }

  /** Whether a layer's attention materialises its scores (eager reference code). */
  public static boolean eager(LayerPolicy p) {
    return p.kernel() == AttentionKernel.MATERIALIZED;
  }

  /** Whether a layer turns quantised KV and weights into fp16 copies before using them. */
  static boolean eagerDequantization(LayerPolicy p) {
    return p.dequantization() == KvDequantization.EAGER;
  }

  /**
   * One layer's operators for one pass of one GPU batch, in two stages that each stream their own
   * weights: attention (norm, projections, attention, KV store) and the MLP.
   */
  public LayerStep layer(Strategy s, LayerPolicy p, Pass x) {
    return layer(s, p, List.of(x));
  }

  /**
   * One layer's operators for a mixed batch, as continuous batching runs one (decode steps and
   * chunks of prefill together): token-wise operators (norms, projections, MLP, all-reduces) run
   * once over every part's tokens; attention and the KV store run per part.
   */
  public LayerStep layer(Strategy s, LayerPolicy p, List<Pass> parts) {
    int l = p.layer();
    double tokens = parts.stream().mapToDouble(Pass::tokens).sum();
    long h = model.hiddenSize();
    long attnParams = model.attentionMatrixParameterCount();
    long ffnParams = model.layerMatrixParameterCount(l) - attnParams;
    long activeFfnParams = model.activeLayerMatrixParameterCount(l) - attnParams;
    double layerBytes = WeightSizer.layerBytes(model, l, p.weights());
    double ffnBytes = WeightSizer.matrixBytes(ffnParams, p.weights());

    List<OpCost> attnWeights = new ArrayList<>();
    List<OpCost> attn = new ArrayList<>();
    streamWeights("attention weights", layerBytes - ffnBytes, p.weightPlacement(), s.pinWeights(), attnWeights);
    moveHidden(s.activationPlacement(), tokens, attn);
    attn.add(elementwise("norm and residual add", 2, tokens * h * FP16 * (2 + 3)));
    gemm("attention projections", p, attnParams, attnParams, tokens, projectionKernels(), attn);
    if (model.positionEncoding() == PositionEncoding.ROTARY) {
      attn.add(elementwise("rotary embedding", 2, tokens * (queryWidth() + model.keyElementsPerToken(l)) * FP16 * 2));
    }
    for (Pass x : parts) {
      attention(s, p, x, attn);
    }
    attn.add(cost.allReduce("attention all-reduce", tokens * h * FP16));

    List<OpCost> mlpWeights = new ArrayList<>();
    List<OpCost> mlp = new ArrayList<>();
    streamWeights("mlp weights", ffnBytes, p.weightPlacement(), s.pinWeights(), mlpWeights);
    moveHidden(s.activationPlacement(), tokens, mlp);
    mlp.add(elementwise("norm and residual add", 2, tokens * h * FP16 * (2 + 3)));
    double touchedFfn = touchedFfnParams(l, tokens, ffnParams, activeFfnParams);
    gemm("mlp", p, activeFfnParams, touchedFfn, tokens, model.ffnKind().matrices(), mlp);
    double mlpWidth = (double) activeFfnParams / h / model.ffnKind().matrices();
    int actTensors = model.ffnKind() == FfnKind.GATED ? 3 : 2;
    mlp.add(elementwise("mlp activation", 1, tokens * mlpWidth * FP16 * actTensors));
    mlp.add(cost.allReduce("mlp all-reduce", tokens * h * FP16));
    return new LayerStep(List.of(stage("attention", attnWeights, attn), stage("mlp", mlpWeights, mlp)));
  }

  /** A stage with the host's time to issue its kernels and copies added to each list. */
  private Stage stage(String name, List<OpCost> weights, List<OpCost> each) {
    weights.add(cost.dispatch("host dispatch", runtime, weights.stream().mapToInt(OpCost::dispatches).sum()));
    each.add(cost.dispatch("host dispatch", runtime, each.stream().mapToInt(OpCost::dispatches).sum()));
    return new Stage(name, weights, each);
  }

  /**
   * The embedding lookup, final norm and LM head for {@code logitTokens} positions per sequence,
   * sampling, and the host reading the new token ids back (the synchronisation every step ends on).
   */
  public LayerStep head(Strategy s, Pass x, long logitTokens) {
    List<OpCost> once = new ArrayList<>();
    List<OpCost> each = new ArrayList<>();
    long h = model.hiddenSize();
    long vocab = model.vocabSize();
    double embeddingBytes = WeightSizer.embeddingBytes(model, s.embeddingWeights());
    streamWeights("embedding weights", embeddingBytes, s.embeddingPlacement(), s.pinWeights(), once);
    double tokens = x.tokens();
    double logits = (double) x.sequences() * logitTokens;
    each.add(elementwise("embedding lookup", 1, tokens * h * FP16 * 2));
    if (logitTokens == 0) {
      return new LayerStep(List.of(stage("embedding and head", once, each)));
    }
    each.add(elementwise("final norm", 1, logits * h * FP16 * 2));
    double headBytes = WeightSizer.matrixBytes((long) vocab * h, s.embeddingWeights());
    double flops = 2 * logits * vocab * h;
    each.add(cost.kernel("lm head", KernelWork.tensor(1, flops, computeType, headBytes + logits * (h + vocab) * FP16)));
    each.add(elementwise("sampling", 2, logits * vocab * FP16));
    each.add(cost.hostLink("token ids to host", Resource.PCIE_DEVICE_TO_HOST, x.sequences() * 8.0, 1));
    return new LayerStep(List.of(stage("embedding and head", once, each)));
  }

  // ---- attention ---------------------------------------------------------------------------

  private void attention(Strategy s, LayerPolicy p, Pass x, List<OpCost> out) {
    if (x.phase() == Phase.PREFILL || p.site() == AttentionSite.GPU) {
      gpuAttention(p, x, out);
    } else if (p.site() == AttentionSite.CPU) {
      cpuAttention(p, x, out);
    } else {
      csdAttention(p, x, out);
    }
    storeNewKv(p, x, out);
    if (x.phase() == Phase.DECODE && p.growth() == CacheGrowth.CONCATENATED) {
      concatenate(p, x, out);
    }
  }

  /**
   * A cache grown with {@code torch.cat} copies what it appends to every decode step (see {@link
   * CacheConcatenation}), its GPU-resident part read once and written once.
   */
  private void concatenate(LayerPolicy p, Pass x, List<OpCost> out) {
    KvLayerBytes copied = CacheConcatenation.copiedPerStep(model, p, x.keysSeen(), x.promptTokens(),
        x.pagedBlockTokens());
    double bytes = copied.keyBytes() * p.keyPlacement().gpu() + copied.valueBytes() * p.valuePlacement().gpu();
    out.add(cost.kernel("kv cache concatenation", KernelWork.streaming(CacheConcatenation.kernelsPerStep(p), 0,
        2 * x.sequences() * bytes)));
  }

  /** Attention on the GPU, fetching whatever part of the cache lives elsewhere first. */
  private void gpuAttention(LayerPolicy p, Pass x, List<OpCost> out) {
    int l = p.layer();
    long g = x.sequences();
    KvFormat f = p.kv();
    long kDim = model.keyElementsPerToken(l);
    long vDim = model.valueElementsPerToken(l);
    if (x.phase() == Phase.PREFILL) {
      // The prompt's own KV is in registers and HBM already; earlier chunks' KV is read like decode's.
      double pastKv = x.pastTokens() > 0 ? fetchCache(p, x, x.pastTokens(), out) : 0;
      prefillAttention(p, x, pastKv, out);
      compressPrompt(p, x, out);
      return;
    }
    long stored = KvCacheSizer.storedTokens(p, x.keysSeen(), x.promptTokens(), x.pagedBlockTokens());
    double attended = attendedTokensPerHead(p, stored);
    double elements = g * attended * (kDim + vDim);
    // Only tokens past the fp16 residual window (KIVI) are stored quantised.
    double quantizedShare = f.quantized() && attended > 0
        ? Math.max(0, attended - f.residualTokens()) / attended : 0;
    double restoreFlops = elements * (quantizedShare * dequantFlopsPerElement(f) + (p.mergedWithPrevious() ? 2 : 0));
    double cachedBytes = fetchCache(p, x, x.keysSeen(), out);
    double fp16Bytes = elements * FP16;
    double attentionReads = cachedBytes;
    boolean lowRank = f.lowRankKeyDim() > 0 || f.lowRankValueDim() > 0;
    double sharedDirection = p.mergedWithPrevious() ? g * mergedDirectionBytes(p, x) : 0;
    if (eagerDequantization(p) && f.quantized()) {
      // Eager dequantisation into an fp16 copy first (FlexGen's decompress), then attention on it
      // with the layer's kernel (materialised in FlexGen, SDPA in the probe's reference).
      out.add(cost.kernel("decompress kv (eager)", new KernelWork(EAGER_DECOMPRESS_KERNELS, 0, computeType,
          restoreFlops, quantizedShare * elements * EAGER_DECOMPRESS_BYTES_PER_ELEMENT
              + (1 - quantizedShare) * cachedBytes, 0, AccessPattern.EAGER_DECOMPRESS_KV)));
      attentionReads = fp16Bytes;
    } else if (lowRank || (eager(p) && p.mergedWithPrevious())) {
      // Rebuilt into an fp16 copy first: ShadowKV's keys from their low-rank factors (a GEMM with
      // the rank-r basis), or an eager restore of MiniCache's merged layer from the shared direction.
      out.add(cost.kernel("restore kv to fp16", new KernelWork(2,
          f.lowRankKeyDim() > 0 ? 2 * g * attended * f.lowRankKeyDim() * kDim : 0, computeType,
          restoreFlops, cachedBytes + sharedDirection + fp16Bytes, 0)));
      attentionReads = fp16Bytes;
    } else if (restoreFlops > 0 || sharedDirection > 0) {
      // Fused: the attention kernel reads packed bytes (and a merged layer's shared direction) and
      // restores them on CUDA cores.
      decodeAttention(p, x, attended, cachedBytes + sharedDirection, restoreFlops, out);
      retentionBookkeeping(p, x, stored, out);
      return;
    }
    decodeAttention(p, x, attended, attentionReads, 0, out);
    retentionBookkeeping(p, x, stored, out);
  }

  private void decodeAttention(LayerPolicy p, Pass x, double attended, double kvBytes, double extraCudaFlops,
      List<OpCost> out) {
    long g = x.sequences();
    long heads = model.numAttentionHeads();
    double scores = g * heads * attended;
    double qAndOut = g * heads * (qkDim() + vDimPerHead()) * FP16;
    if (eager(p)) {
      eagerAttention(scores, 2 * scores * qkDim(), 2 * scores * vDimPerHead(), kvBytes + qAndOut, extraCudaFlops,
          AccessPattern.EAGER_DECODE_ATTENTION, out);
      out.add(cost.hostCalls("eager attention views", runtime, EAGER_DECODE_HOST_CALLS));
      return;
    }
    out.add(cost.kernel("decode attention (flash)", new KernelWork(FLASH_ATTENTION_KERNELS,
        2 * scores * (qkDim() + vDimPerHead()), computeType, scores * SOFTMAX_FLOPS_PER_SCORE + extraCudaFlops,
        kvBytes + qAndOut, 0, AccessPattern.DECODE_ATTENTION)));
  }

  /**
   * Eager attention as three kernels in sequence, each at its own roofline: the QK^T batched matmul
   * writing the fp16 scores (reading half the operands), the mask and softmax passes over the
   * scores, and the PV matmul reading them and the other half. The matmuls walk HBM in {@code
   * matmulAccess}: in decode, strided rows of FlexGen's cache layout.
   */
  private void eagerAttention(double scores, double qkFlops, double pvFlops, double operandBytes, double cudaFlops,
      AccessPattern matmulAccess, List<OpCost> out) {
    double s = scores * FP16;
    out.add(cost.kernel("attention scores (eager matmul)",
        new KernelWork(1, qkFlops, computeType, cudaFlops, operandBytes / 2 + s, 0, matmulAccess)));
    out.add(cost.kernel("mask and softmax (eager)", KernelWork.streaming(EAGER_ATTENTION_KERNELS - 2,
        scores * SOFTMAX_FLOPS_PER_SCORE, (EAGER_SCORE_PASSES - 2) * s)));
    out.add(cost.kernel("attention values (eager matmul)",
        new KernelWork(1, pvFlops, computeType, 0, operandBytes / 2 + s, 0, matmulAccess)));
  }

  private void prefillAttention(LayerPolicy p, Pass x, double pastKvBytes, List<OpCost> out) {
    long g = x.sequences();
    long q = x.queryTokens();
    long keys = x.keysSeen();
    long heads = model.numAttentionHeads();
    double perHeadWidth = qkDim() + vDimPerHead();
    long kvWidth = model.keyElementsPerToken(p.layer()) + model.valueElementsPerToken(p.layer());
    double qkvBytes = x.tokens() * (queryWidth() + kvWidth) * FP16;
    double outBytes = x.tokens() * heads * vDimPerHead() * FP16;
    if (eager(p)) {
      // Dense q x keys scores (no causal skipping); q, k and v are first copied to merge batch and
      // heads; the boolean masks are read by the masking pass.
      double scores = (double) g * heads * q * keys;
      out.add(elementwise("q/k/v reshape copies (eager)", 3, 2 * qkvBytes));
      eagerAttention(scores, 2 * scores * qkDim(), 2 * scores * vDimPerHead(), qkvBytes + outBytes + pastKvBytes, 0,
          AccessPattern.STREAM, out);
      out.add(elementwise("attention masks (eager)", 2, (double) g * q * keys + (double) q * keys));
      return;
    }
    // Causal: the chunk's queries see the cached keys and, on average, half of their own; a
    // sliding-window layer sees at most its window, and streaming heads that prefill as they
    // decode (DuoAttention) only their sinks and window.
    int window = p.attentionWindow();
    HeadSplit split = p.heads();
    boolean streamingPrefill = split != null && split.streamingPrefill();
    double streaming = streamingPrefill ? 1 - split.retrievalFraction() : 0;
    int streamingWindow = streamingPrefill ? narrowerWindow(window, split.streamingTokens()) : window;
    long past = x.pastTokens();
    double keysPerQuery = (1 - streaming) * meanKeysPerQuery(past, q, window)
        + streaming * meanKeysPerQuery(past, q, streamingWindow);
    double tileKeys = (1 - streaming) * keysReadByQueryTiles(past, q, window)
        + streaming * keysReadByQueryTiles(past, q, streamingWindow);
    double scores = (double) g * heads * q * keysPerQuery;
    double kvRereads = tileKeys * (double) g * kvWidth * FP16;
    out.add(cost.prefillAttention("prefill attention (flash)", new KernelWork(FLASH_ATTENTION_KERNELS - 1,
        2 * scores * perHeadWidth, computeType, scores * SOFTMAX_FLOPS_PER_SCORE,
        qkvBytes + outBytes + kvRereads + pastKvBytes, 0)));
  }

  /** The narrower of a layer's window (0: none) and a head's kept tokens, at least one token. */
  private static int narrowerWindow(int window, long keptTokens) {
    long kept = Math.max(1, keptTokens);
    return (int) (window > 0 ? Math.min(window, kept) : Math.min(Integer.MAX_VALUE, kept));
  }

  /**
   * Keys the query tiles of a causal flash attention read in all, each tile of {@link
   * #FLASH_QUERY_TILE} queries at positions {@code past ..} reading the keys up to its last query
   * (at most its window plus the tile on a sliding-window layer; 0: no window).
   */
  static double keysReadByQueryTiles(long past, long q, int window) {
    double total = 0;
    for (long start = 0; start < q; start += FLASH_QUERY_TILE) {
      double seen = past + Math.min(q, start + FLASH_QUERY_TILE);
      total += window > 0 ? Math.min(seen, window + FLASH_QUERY_TILE) : seen;
    }
    return total;
  }

  /**
   * Keys each of {@code q} queries at positions {@code past .. past + q - 1} attends to on average:
   * position {@code i} sees {@code i + 1} keys, or {@code window} when that is smaller (0: no window).
   */
  static double meanKeysPerQuery(long past, long q, int window) {
    double first = past + 1;
    double last = past + q;
    if (window <= 0 || last <= window) {
      return (first + last) / 2;
    }
    if (first >= window) {
      return window;
    }
    double below = (first + window) * (window - first + 1) / 2;
    return (below + (last - window) * window) / q;
  }

  /**
   * At the end of the prompt, retention that scores it picks what to keep: H2O sums each key's
   * column of the materialised scores and takes the top-k; SnapKV scores the prompt with its
   * observation window, pools and takes the top-k per head. Both then gather the kept KV.
   */
  private void compressPrompt(LayerPolicy p, Pass x, List<OpCost> out) {
    TokenRetention r = p.retention();
    if (r == null || !r.scoresWholePrompt() || !x.endsPrompt()) {
      return;
    }
    long g = x.sequences();
    long heads = model.numAttentionHeads();
    long prompt = x.promptTokens();
    long kvWidth = model.keyElementsPerToken(p.layer()) + model.valueElementsPerToken(p.layer());
    long kept = KvCacheSizer.storedTokens(p, prompt, prompt, x.pagedBlockTokens());
    double gatherBytes = 2.0 * g * kept * kvWidth * FP16;
    if (r.budgetTokens() > 0) {
      long window = Math.max(1, r.windowTokens());
      double scores = (double) g * heads * window * prompt;
      out.add(cost.kernel("snapkv observation window", new KernelWork(6, 2 * scores * qkDim(), computeType,
          scores * (SOFTMAX_FLOPS_PER_SCORE + 2), 4 * scores * FP16 + gatherBytes, 0)));
    } else {
      double scores = (double) g * heads * x.queryTokens() * x.keysSeen();
      out.add(cost.kernel("h2o column sums and top-k", KernelWork.streaming(5, scores,
          scores * FP16 + 2.0 * g * heads * prompt * FP16 + gatherBytes)));
    }
  }

  /**
   * Kernels of H2O's per-step bookkeeping in its FlexGen code ({@code mha_gen}, {@code
   * cache_replace}, {@code acc_replace}): zero the new row, add the step's scores, argmin over the
   * heavy region, then for keys, values and scores each a copy of the oldest recent entry, a
   * scatter into the evicted slot and a write of the new entry (1 + 1 + 1 + 3 x 3).
   */
  static final int H2O_STEP_KERNELS = 12;

  /** H2O updates its accumulated scores every step and evicts the lowest. */
  private void retentionBookkeeping(LayerPolicy p, Pass x, long stored, List<OpCost> out) {
    TokenRetention r = p.retention();
    if (r == null || r.heavyRatio() <= 0) {
      return;
    }
    double acc = (double) x.sequences() * model.numAttentionHeads() * stored * FP16;
    out.add(cost.kernel("h2o accumulate and evict", KernelWork.streaming(H2O_STEP_KERNELS, acc, 3 * acc)));
    out.add(cost.hostCalls("h2o bookkeeping views", runtime, H2O_STEP_HOST_CALLS));
  }

  /**
   * What one decode step's attention reads from the cache of one GPU batch: the elements restored, the stored bytes read, and the attention FLOPs
   * (QK, softmax, PV, and dequantisation when stored quantised). Shared by the CPU and CSD sites.
   */
  private record CacheRead(double elements, double storedBytes, double diskBytes, double flops) {}

  private CacheRead cacheRead(LayerPolicy p, Pass x) {
    long g = x.sequences();
    int l = p.layer();
    long stored = KvCacheSizer.storedTokens(p, x.keysSeen(), x.promptTokens(), x.pagedBlockTokens());
    double attended = attendedTokensPerHead(p, stored);
    double elements = g * attended * (model.keyElementsPerToken(l) + model.valueElementsPerToken(l));
    KvLayerBytes kv = KvCacheSizer.layerBytes(model, p, x.keysSeen(), x.promptTokens(), x.pagedBlockTokens());
    double fraction = g * readFraction(p, stored);
    double scores = g * model.numAttentionHeads() * attended;
    double flops = 2 * scores * (qkDim() + vDimPerHead()) + scores * SOFTMAX_FLOPS_PER_SCORE
        + (p.kv().quantized() ? elements * dequantFlopsPerElement(p.kv()) : 0);
    return new CacheRead(elements, fraction * (kv.keyBytes() + kv.valueBytes()),
        fraction * (kv.keyBytes() * p.keyPlacement().disk() + kv.valueBytes() * p.valuePlacement().disk()), flops);
  }

  /** Attention on the host CPU (FlexGen's CPU attention): only q, the new KV and the output cross PCIe. */
  private void cpuAttention(LayerPolicy p, Pass x, List<OpCost> out) {
    long g = x.sequences();
    long heads = model.numAttentionHeads();
    CacheRead read = cacheRead(p, x);
    out.add(cost.drive("kv from disk", Resource.SSD_READ, read.diskBytes()));
    out.add(cost.hostLink("q to host (fp32)", Resource.PCIE_DEVICE_TO_HOST, g * heads * qkDim() * FP32, 1));
    // FlexGen converts the cache into an fp32 workspace (read stored, write fp32), then runs fp32
    // matmuls over it (read fp32).
    out.add(cost.cpu("cpu attention", read.flops(), read.storedBytes() + read.elements() * FP32,
        read.elements() * FP32));
    out.add(cost.hostLink("attention output to gpu (fp32)", Resource.PCIE_HOST_TO_DEVICE,
        g * heads * vDimPerHead() * FP32, 1));
  }

  /** Attention inside the computational storage drives (InstInfer): the cache never leaves them. */
  private void csdAttention(LayerPolicy p, Pass x, List<OpCost> out) {
    CacheRead read = cacheRead(p, x);
    double peer = x.sequences() * model.numAttentionHeads() * (qkDim() + vDimPerHead()) * FP16;
    out.add(cost.csd("in-storage attention", read.storedBytes(), 0, read.flops(), peer));
  }

  /**
   * Reads the cached KV this pass attends to; bytes outside the GPU cross their links first.
   * Sparse reads score landmarks, take the top-k chunks and gather only those.
   *
   * @return the bytes of cache the GPU then reads from HBM (stored format)
   */
  private double fetchCache(LayerPolicy p, Pass x, long keysSeen, List<OpCost> out) {
    long g = x.sequences();
    int l = p.layer();
    long stored = KvCacheSizer.storedTokens(p, keysSeen, x.promptTokens(), x.pagedBlockTokens());
    if (stored == 0) {
      return 0;
    }
    KvLayerBytes kv = KvCacheSizer.layerBytes(model, p, keysSeen, x.promptTokens(), x.pagedBlockTokens());
    double fraction = readFraction(p, stored);
    SparseRead sparse = p.sparse();
    if (sparse != null && x.phase() == Phase.DECODE) {
      long landmarks = sparse.landmarks(stored);
      double scores = (double) g * model.numAttentionHeads() * landmarks;
      double landmarkBytes = (double) g * landmarks * model.keyElementsPerToken(l) * FP16;
      out.add(cost.kernel("score landmarks and top-k", new KernelWork(3, 2 * scores * qkDim(), computeType,
          scores * 2, landmarkBytes + 3 * scores * FP16, 0)));
    }
    double keys = g * fraction * kv.keyBytes();
    double values = g * fraction * kv.valueBytes();
    fetchHalf("keys", keys, p.keyPlacement(), x.pinnedKv(), out);
    fetchHalf("values", values, p.valuePlacement(), x.pinnedKv(), out);
    return keys + values;
  }

  /**
   * Brings one half of the cache to the GPU: from host memory (pinned, or pageable and staged), from
   * disk through the host, or from the CSDs peer to peer.
   */
  private void fetchHalf(String what, double bytes, TierFractions where, boolean pinned, List<OpCost> out) {
    double fromCpu = bytes * where.cpu();
    double fromDisk = bytes * where.disk();
    double fromCsd = bytes * where.csd();
    if (fromDisk > 0) {
      out.add(cost.drive(what + " from disk", Resource.SSD_READ, fromDisk));
    }
    if (fromCpu > 0) {
      out.add(cost.hostLink(what + " to gpu", Resource.PCIE_HOST_TO_DEVICE, fromCpu, 1, pinned));
    }
    if (fromDisk > 0) {
      // Disk reads land in pinned relay buffers (FlexGen's copy threads) before the GPU copy.
      out.add(cost.hostLink(what + " from disk to gpu", Resource.PCIE_HOST_TO_DEVICE, fromDisk, 1));
    }
    if (fromCsd > 0) {
      out.add(cost.csd(what + " from csd flash", fromCsd, 0, 0, fromCsd));
    }
  }

  /** Writes this pass's new keys and values (quantised on the way when the format says so) to their tiers. */
  private void storeNewKv(LayerPolicy p, Pass x, List<OpCost> out) {
    int l = p.layer();
    KvFormat f = p.kv();
    double tokens = x.tokens();
    double keyElems = tokens * model.keyElementsPerToken(l);
    double valueElems = tokens * model.valueElementsPerToken(l);
    double keyBytes = keyElems * FP16 * Math.min(16, f.keyBits()) / 16.0;
    double valueBytes = valueElems * FP16 * Math.min(16, f.valueBits()) / 16.0;
    if (f.quantized()) {
      double elems = keyElems + valueElems;
      out.add(cost.kernel("quantise new kv", KernelWork.streaming(2, elems * QUANT_FLOPS_PER_ELEMENT,
          elems * FP16 + keyBytes + valueBytes)));
    }
    double onGpu = keyBytes * p.keyPlacement().gpu() + valueBytes * p.valuePlacement().gpu();
    if (onGpu > 0) {
      out.add(cost.kernel("write new kv", KernelWork.streaming(2, 0, 2 * onGpu)));
    }
    storeHalf("keys", keyBytes, p.keyPlacement(), out);
    storeHalf("values", valueBytes, p.valuePlacement(), out);
  }

  private void storeHalf(String what, double bytes, TierFractions where, List<OpCost> out) {
    double toCpu = bytes * where.cpu();
    double toDisk = bytes * where.disk();
    double toCsd = bytes * where.csd();
    if (toCpu + toDisk > 0) {
      out.add(cost.hostLink("new " + what + " to host", Resource.PCIE_DEVICE_TO_HOST, toCpu + toDisk, 1));
    }
    if (toDisk > 0) {
      out.add(cost.drive("new " + what + " to disk", Resource.SSD_WRITE, toDisk));
    }
    if (toCsd > 0) {
      out.add(cost.csd("new " + what + " to csd", 0, toCsd, 0, toCsd));
    }
  }

  // ---- weights, activations, GEMMs -----------------------------------------------------------

  /**
   * Brings the off-GPU share of a layer's weights to the GPU once per layer: from host memory
   * (pinned, or pageable and staged), and from disk through a host staging copy into pinned buffers.
   */
  private void streamWeights(String what, double bytes, TierFractions where, boolean pinned, List<OpCost> out) {
    double fromCpu = bytes * where.cpu();
    double fromDisk = bytes * where.disk();
    if (fromDisk > 0) {
      out.add(cost.drive(what + " from disk", Resource.SSD_READ, fromDisk));
      out.add(cost.cpu(what + " staging copy", 0, fromDisk, fromDisk));
      out.add(cost.hostLink(what + " from disk to gpu", Resource.PCIE_HOST_TO_DEVICE, fromDisk, 1));
    }
    if (fromCpu > 0) {
      out.add(cost.hostLink(what + " to gpu", Resource.PCIE_HOST_TO_DEVICE, fromCpu, 1, pinned));
    }
  }

  /** Hidden states that live off the GPU between layers come in before and go out after. */
  private void moveHidden(TierFractions activations, double tokens, List<OpCost> out) {
    double offGpu = 1 - activations.gpu();
    if (offGpu <= 0) {
      return;
    }
    double bytes = offGpu * tokens * model.hiddenSize() * FP16;
    out.add(cost.hostLink("hidden states to gpu", Resource.PCIE_HOST_TO_DEVICE, bytes, 1));
    out.add(cost.hostLink("hidden states to host", Resource.PCIE_DEVICE_TO_HOST, bytes, 1));
  }

  /**
   * Matrix multiplications of {@code tokens} tokens with {@code flopParams} weights, reading
   * {@code readParams} of them from HBM, added to {@code out}. Quantised weights are unpacked
   * inside the GEMM (fused, CUDA-core work) or, in eager code, into an fp16 copy first (FlexGen's
   * decompress, see {@link #EAGER_DECOMPRESS_BYTES_PER_ELEMENT}), which the GEMM then reads.
   */
  private void gemm(String name, LayerPolicy p, long flopParams, double readParams, double tokens, int kernels,
      List<OpCost> out) {
    WeightFormat f = p.weights();
    double flops = 2 * tokens * flopParams;
    double inOut = tokens * (model.hiddenSize() + (double) flopParams / model.hiddenSize()) * FP16;
    if (!f.quantized()) {
      out.add(cost.kernel(name, KernelWork.tensor(kernels, flops, computeType, readParams * FP16 + inOut)));
      return;
    }
    double packed = WeightSizer.matrixBytes(Math.round(readParams), f);
    double dequant = readParams * DEQUANT_FLOPS_PER_ELEMENT;
    if (eagerDequantization(p)) {
      out.add(cost.kernel(name + " weights decompress (eager)", new KernelWork(EAGER_DECOMPRESS_KERNELS, 0,
          computeType, dequant, readParams * EAGER_DECOMPRESS_BYTES_PER_ELEMENT, 0,
          AccessPattern.EAGER_DECOMPRESS_WEIGHTS)));
      out.add(cost.kernel(name, KernelWork.tensor(kernels, flops, computeType, readParams * FP16 + inOut)));
      return;
    }
    if (f.quantizedActivations() && cost.supports(f.activationType())) {
      // W4A8 (QServe) or FP8 W8A8: activations quantised per token (one pass over the input),
      // narrower weights widened to the 8-bit type in registers (8-bit weights need nothing), 8-bit
      // tensor cores. A GPU without the type's tensor cores falls through to weight-only dequantisation.
      double activations = tokens * model.hiddenSize();
      double widen = f.bits() < 8 ? dequant : 0;
      out.add(cost.kernel(name + " (w" + f.bits() + "a8 " + f.activationType() + ")", new KernelWork(kernels + 1,
          flops, f.activationType(), widen + activations * QUANT_FLOPS_PER_ELEMENT,
          packed + inOut + activations * (FP16 + 1), 0, AccessPattern.WEIGHT_STREAMING)));
      return;
    }
    out.add(cost.kernel(name, new KernelWork(kernels, flops, computeType, dequant, packed + inOut, 0,
        AccessPattern.WEIGHT_STREAMING)));
  }

  private OpCost elementwise(String name, int kernels, double bytes) {
    return cost.kernel(name, KernelWork.streaming(kernels, bytes / FP16, bytes));
  }

  /**
   * FFN weights a pass reads: all of a dense MLP; in a MoE layer the router and shared experts and
   * the routed experts at least one token chose, expecting {@code E(1 - (1 - k/E)^t)} distinct
   * ones for {@code t} tokens choosing {@code k} of {@code E} uniformly.
   */
  private double touchedFfnParams(int layer, double tokens, long ffnParams, long activeFfnParams) {
    if (!model.isMoeLayer(layer)) {
      return ffnParams;
    }
    long experts = model.moe().numExperts();
    double k = model.moe().expertsPerToken();
    double touched = experts * (1 - Math.pow(1 - k / experts, tokens));
    long expert = model.expertMatrixParameterCount();
    long alwaysRead = activeFfnParams - (long) (k * expert);
    return alwaysRead + touched * expert;
  }

  // ---- shapes --------------------------------------------------------------------------------

  private int projectionKernels() {
    return model.isMla() ? 5 : 4;
  }

  /** Query width: heads times the query/key head dimension. */
  private long queryWidth() {
    return (long) model.numAttentionHeads() * (model.isMla() ? model.mla().qkHeadDim() : model.headDim());
  }

  /**
   * Width of a query-key dot product per head: the head dimension, or with latent attention
   * (absorbed, as DeepSeek decodes) the latent plus the rotary part.
   */
  private double qkDim() {
    return model.isMla() ? model.mla().kvLoraRank() + model.mla().qkRopeHeadDim() : model.headDim();
  }

  private double vDimPerHead() {
    return model.isMla() ? model.mla().kvLoraRank() : model.headDim();
  }

  /** Tokens each KV head attends to in decode: stored tokens after the head split and the sparse read. */
  private static double attendedTokensPerHead(LayerPolicy p, long stored) {
    return KvCacheSizer.tokensPerHead(p, stored) * readFraction(p, stored);
  }

  private static double readFraction(LayerPolicy p, long stored) {
    if (p.sparse() == null || stored == 0) {
      return 1;
    }
    return (double) p.sparse().tokensRead(stored) / stored;
  }

  /** CUDA-core work to turn one quantised element back into fp16. */
  private static double dequantFlopsPerElement(KvFormat f) {
    return DEQUANT_FLOPS_PER_ELEMENT + (f.nonUniform() ? LOOKUP_FLOPS_PER_ELEMENT : 0) + 2 * f.errorRank()
        + 2 * f.outlierFraction();
  }

  /** MiniCache: the merged layer reads the shared direction its pair stores. */
  private double mergedDirectionBytes(LayerPolicy p, Pass x) {
    KvLayerBytes full = KvCacheSizer.layerBytes(model, p.unmerged(), x.keysSeen(), x.promptTokens(), x.pagedBlockTokens());
    return (1 - p.mergeRetainedFraction()) * (full.keyBytes() + full.valueBytes());
  }
}
