package io.tiersim.planner.tensors;

import io.tiersim.model.strategy.KvFormat;
import io.tiersim.planner.quality.SensitivityProfile;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-layer relative reconstruction error of the cache under a quantiser (keys and values
 * averaged) or a retention rule (the error of the newest tokens' attention outputs, head by head),
 * and the sensitivity profile that a reference method's errors give: layers whose cache the method
 * damages more weigh more.
 */
public final class KvErrorMeter {
  /** Newest tokens whose attention output measures retention error. */
  static final int PROBES = 16;

  private final List<LayerKv> layers;
  private final int headDim;

  public KvErrorMeter(List<LayerKv> layers, int headDim) {
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("kv_tensors: no layers");
    }
    if (headDim <= 0 || layers.get(0).channels() % headDim != 0) {
      throw new IllegalArgumentException("kv_tensors: " + layers.get(0).channels() + " channels are not a whole number of heads of "
          + headDim);
    }
    this.layers = List.copyOf(layers);
    this.headDim = headDim;
  }

  public int layers() {
    return layers.size();
  }

  /** The quantisers of a resolved KV format: keys and values each with their own bits and axis. */
  public static KvQuantizer[] quantizers(KvFormat f) {
    return new KvQuantizer[] {
        new KvQuantizer(f.keyBits(), f.groupSize(), f.keyAxis(), f.residualTokens(), f.outlierFraction()),
        new KvQuantizer(f.valueBits(), f.groupSize(), f.valueAxis(), f.residualTokens(), f.outlierFraction())};
  }

  /** Per layer, the mean of the keys' and values' relative errors under the format. */
  public double[] quantizationError(KvFormat f) {
    KvQuantizer[] q = quantizers(f);
    double[] err = new double[layers.size()];
    for (int l = 0; l < err.length; l++) {
      err[l] = (q[0].relativeError(layers.get(l).keys()) + q[1].relativeError(layers.get(l).values())) / 2;
    }
    return err;
  }

  /** Per layer, the relative error of the newest tokens' attention outputs when the rule keeps only its tokens. */
  public double[] retentionError(TokenSelector rule) {
    double[] err = new double[layers.size()];
    for (int l = 0; l < err.length; l++) {
      LayerKv kv = layers.get(l);
      int heads = kv.channels() / headDim;
      double sum = 0;
      for (int h = 0; h < heads; h++) {
        float[][] k = head(kv.keys(), h);
        float[][] v = head(kv.values(), h);
        sum += AttentionProbe.outputError(k, v, rule.keep(k), PROBES);
      }
      err[l] = sum / heads;
    }
    return err;
  }

  /** A sensitivity profile from per-layer errors (normalised to mean 1). */
  public static SensitivityProfile profile(double[] errors, String source) {
    List<Double> raw = new ArrayList<>();
    for (double e : errors) {
      raw.add(e);
    }
    return SensitivityProfile.of(raw, source);
  }

  private float[][] head(float[][] x, int h) {
    float[][] out = new float[x.length][headDim];
    for (int t = 0; t < x.length; t++) {
      System.arraycopy(x[t], h * headDim, out[t], 0, headDim);
    }
    return out;
  }
}
