package io.tiersim.planner.tensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tiersim.model.strategy.KvFormat;
import io.tiersim.model.strategy.QuantAxis;
import io.tiersim.planner.quality.SensitivityProfile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated KV tensors with outlier channels, as KIVI and KVQuant observe in real keys. */
final class KvErrorMeterTest {
  static final int TOKENS = 256;
  static final int HEAD_DIM = 32;
  static final int HEADS = 2;
  static final KvFormat KIVI2 = new KvFormat(2, 2, 32, QuantAxis.CHANNEL, QuantAxis.TOKEN, 0, 0, false, 0, 0, 0);
  static final KvFormat PER_TOKEN2 = new KvFormat(2, 2, 32, QuantAxis.TOKEN, QuantAxis.TOKEN, 0, 0, false, 0, 0, 0);
  static final KvFormat KIVI4 = new KvFormat(4, 4, 32, QuantAxis.CHANNEL, QuantAxis.TOKEN, 0, 0, false, 0, 0, 0);

  @TempDir Path dir;

  /** Keys with {@code outliers} channels scaled by {@code scale} (large, fixed-sign per channel), values plain. */
  static LayerKv layer(Random rnd, int outliers, double scale) {
    int channels = HEADS * HEAD_DIM;
    float[][] k = new float[TOKENS][channels];
    float[][] v = new float[TOKENS][channels];
    for (int t = 0; t < TOKENS; t++) {
      for (int c = 0; c < channels; c++) {
        k[t][c] = (float) (rnd.nextGaussian() + (c < outliers ? scale * (1 + 0.1 * rnd.nextGaussian()) : 0));
        v[t][c] = (float) rnd.nextGaussian();
      }
    }
    return new LayerKv(k, v);
  }

  static List<LayerKv> model(long seed) {
    Random rnd = new Random(seed);
    return List.of(layer(rnd, 0, 0), layer(rnd, 4, 20), layer(rnd, 0, 0), layer(rnd, 8, 40));
  }

  @Test
  void perChannelKeys_beatPerTokenKeys_whenChannelsHaveOutliers() {
    KvErrorMeter m = new KvErrorMeter(model(1), HEAD_DIM);
    double[] channel = m.quantizationError(KIVI2);
    double[] token = m.quantizationError(PER_TOKEN2);
    assertThat(channel[3]).isLessThan(token[3] * 0.7);
    assertThat(channel[1]).isLessThan(token[1]);
  }

  @Test
  void fewerBits_meanMoreError_andOutliersKeptExact_meanLess() {
    KvErrorMeter m = new KvErrorMeter(model(2), HEAD_DIM);
    double[] two = m.quantizationError(KIVI2);
    double[] four = m.quantizationError(KIVI4);
    KvFormat withOutliers = new KvFormat(2, 2, 32, QuantAxis.TOKEN, QuantAxis.TOKEN, 0, 0.125, false, 0, 0, 0);
    double[] kept = m.quantizationError(withOutliers);
    double[] plain = m.quantizationError(PER_TOKEN2);
    for (int l = 0; l < 4; l++) {
      assertThat(four[l]).as("layer %d", l).isLessThan(two[l] / 2);
    }
    assertThat(kept[3]).isLessThan(plain[3]);
  }

  @Test
  void layersWithOutliers_areTheSensitiveOnes_underPerTokenQuantisation() {
    SensitivityProfile p = KvErrorMeter.profile(new KvErrorMeter(model(3), HEAD_DIM).quantizationError(PER_TOKEN2), "test");
    assertThat(p.weight(1)).isGreaterThan(p.weight(0) * 1.5);
    assertThat(p.weight(3)).isGreaterThan(p.weight(2) * 1.5);
    assertThat((p.weight(0) + p.weight(1) + p.weight(2) + p.weight(3)) / 4).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void retention_losesLess_withALargerBudget_andSnapKvBeatsAWindowOfTheSameSize() {
    KvErrorMeter m = new KvErrorMeter(model(4), HEAD_DIM);
    double small = m.retentionError(new TokenSelector(16, 0, 16))[0];
    double large = m.retentionError(new TokenSelector(128, 0, 16))[0];
    double all = m.retentionError(new TokenSelector(TOKENS, 0, 16))[0];
    assertThat(large).isLessThan(small);
    assertThat(all).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void npyFile_roundTrips_inFloat32AndFloat16() throws IOException {
    List<LayerKv> kv = model(5);
    for (int width : new int[] {4, 2}) {
      Path f = dir.resolve("kv" + width + ".npy");
      Files.write(f, npy(kv, width));
      List<LayerKv> back = KvTensorFiles.read(f);
      assertThat(back).hasSize(4);
      assertThat(back.get(3).keys()[10][2]).isCloseTo(kv.get(3).keys()[10][2], org.assertj.core.data.Offset.offset(width == 4 ? 0 : 0.05f));
      assertThat(back.get(2).values()[255][63]).isCloseTo(kv.get(2).values()[255][63], org.assertj.core.data.Offset.offset(width == 4 ? 0 : 0.01f));
    }
  }

  @Test
  void safetensorsFile_roundTrips_withHeadsLaidSideBySide() throws IOException {
    List<LayerKv> kv = model(6);
    Path f = dir.resolve("kv.safetensors");
    Files.write(f, safetensors(kv));
    List<LayerKv> back = KvTensorFiles.read(f);
    assertThat(back).hasSize(4);
    assertThat(back.get(1).keys()[7][HEAD_DIM + 3]).isEqualTo(kv.get(1).keys()[7][HEAD_DIM + 3]);
    assertThat(back.get(1).values()[7][3]).isEqualTo(kv.get(1).values()[7][3]);
  }

  @Test
  void otherFiles_areRefusedWithWhatWasExpected() throws IOException {
    Path f = dir.resolve("kv.bin");
    Files.writeString(f, "nope");
    assertThatThrownBy(() -> KvTensorFiles.read(f)).hasMessageContaining(".npy or .safetensors");
    Path npy = dir.resolve("bad.npy");
    Files.writeString(npy, "not numpy at all");
    assertThatThrownBy(() -> KvTensorFiles.read(npy)).hasMessageContaining("NUMPY");
  }

  /** NumPy 1.0 format, shape [layers, 2, tokens, channels], little-endian float of the given width. */
  static byte[] npy(List<LayerKv> kv, int width) {
    int channels = kv.get(0).channels();
    String header = "{'descr': '<f" + width + "', 'fortran_order': False, 'shape': (" + kv.size() + ", 2, " + TOKENS + ", " + channels + "), }";
    int pad = 64 - (10 + header.length() + 1) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + kv.size() * 2 * TOKENS * channels * width).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII));
    for (LayerKv l : kv) {
      for (float[][] m : new float[][][] {l.keys(), l.values()}) {
        for (float[] row : m) {
          for (float x : row) {
            if (width == 4) {
              b.putFloat(x);
            } else {
              b.putShort(toHalf(x));
            }
          }
        }
      }
    }
    return b.array();
  }

  /** F32 tensors layers.i.key as [heads, tokens, head_dim] and layers.i.value as [tokens, channels]. */
  static byte[] safetensors(List<LayerKv> kv) {
    int channels = kv.get(0).channels();
    long tensorBytes = (long) TOKENS * channels * 4;
    StringBuilder h = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
    List<float[]> data = new ArrayList<>();
    long offset = 0;
    for (int l = 0; l < kv.size(); l++) {
      h.append(",\"layers.").append(l).append(".key\":{\"dtype\":\"F32\",\"shape\":[").append(HEADS).append(',').append(TOKENS)
          .append(',').append(HEAD_DIM).append("],\"data_offsets\":[").append(offset).append(',').append(offset + tensorBytes).append("]}");
      offset += tensorBytes;
      h.append(",\"layers.").append(l).append(".value\":{\"dtype\":\"F32\",\"shape\":[").append(TOKENS).append(',').append(channels)
          .append("],\"data_offsets\":[").append(offset).append(',').append(offset + tensorBytes).append("]}");
      offset += tensorBytes;
      float[] k = new float[TOKENS * channels];
      int i = 0;
      for (int head = 0; head < HEADS; head++) {
        for (int t = 0; t < TOKENS; t++) {
          for (int d = 0; d < HEAD_DIM; d++) {
            k[i++] = kv.get(l).keys()[t][head * HEAD_DIM + d];
          }
        }
      }
      float[] v = new float[TOKENS * channels];
      i = 0;
      for (int t = 0; t < TOKENS; t++) {
        for (int c = 0; c < channels; c++) {
          v[i++] = kv.get(l).values()[t][c];
        }
      }
      data.add(k);
      data.add(v);
    }
    h.append('}');
    byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + header.length + (int) offset).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(header.length).put(header);
    data.forEach(a -> {
      for (float x : a) {
        b.putFloat(x);
      }
    });
    return b.array();
  }

  /** float to IEEE binary16, round to nearest (normal range only, enough for test data). */
  static short toHalf(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = ((bits >>> 23) & 0xff) - 127 + 15;
    int mant = bits & 0x7fffff;
    if (exp <= 0) {
      return (short) sign;
    }
    int half = sign | (exp << 10) | (mant >>> 13);
    if ((mant & 0x1000) != 0) {
      half++;
    }
    return (short) half;
  }
}
