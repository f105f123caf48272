package io.tiersim.planner.tensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads per-layer KV tensors of one sequence, as dumped from a model (a sample of a few thousand
 * tokens is enough to rank layers):
 * <ul>
 *   <li>{@code .npy}: one little-endian float16/float32/float64 C-order array of shape {@code
 *       [layers, 2, tokens, channels]}, index 0 keys and 1 values (NumPy's format 1.0 to 3.0);
 *   <li>{@code .safetensors}: tensors named {@code layers.<i>.key} and {@code layers.<i>.value},
 *       F16, BF16 or F32, of shape {@code [tokens, channels]} or {@code [kv_heads, tokens, head_dim]}
 *       (heads are laid side by side).
 * </ul>
 * Problems are {@link IllegalArgumentException}s that say what was expected.
 */
public final class KvTensorFiles {
  private static final Pattern NPY_DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?)([fi])(\\d)'");
  private static final Pattern NPY_FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern NPY_SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  private static final Pattern SAFE_NAME = Pattern.compile("layers\\.(\\d+)\\.(key|value)");

  private KvTensorFiles() {}

  public static List<LayerKv> read(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("kv_tensors: cannot read " + file + ": " + e.getMessage());
    }
    if (name.endsWith(".npy")) {
      return npy(bytes);
    }
    if (name.endsWith(".safetensors")) {
      return safetensors(bytes);
    }
    throw new IllegalArgumentException("kv_tensors: expected a .npy or .safetensors file, got '" + file.getFileName() + "'");
  }

  static List<LayerKv> npy(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || !"NUMPY".equals(new String(bytes, 1, 5, StandardCharsets.US_ASCII))) {
      throw new IllegalArgumentException("kv_tensors: not a .npy file (no \\x93NUMPY magic)");
    }
    int major = bytes[6];
    int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = NPY_DESCR.matcher(header);
    Matcher f = NPY_FORTRAN.matcher(header);
    Matcher s = NPY_SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IllegalArgumentException("kv_tensors: cannot read the .npy header: " + header.strip());
    }
    if (">".equals(d.group(1)) || !"f".equals(d.group(2)) || "True".equals(f.group(1))) {
      throw new IllegalArgumentException("kv_tensors: expected a little-endian float array in C order, got " + header.strip());
    }
    int width = Integer.parseInt(d.group(3));
    long[] shape = parseShape(s.group(1));
    if (shape.length != 4 || shape[1] != 2) {
      throw new IllegalArgumentException("kv_tensors: expected shape [layers, 2, tokens, channels], got " + java.util.Arrays.toString(shape));
    }
    DType type = switch (width) {
      case 2 -> DType.F16;
      case 4 -> DType.F32;
      case 8 -> DType.F64;
      default -> throw new IllegalArgumentException("kv_tensors: unsupported float width " + width);
    };
    int layers = (int) shape[0];
    int tokens = (int) shape[2];
    int channels = (int) shape[3];
    long need = (long) layers * 2 * tokens * channels * type.bytes;
    int offset = start + headerLen;
    if (bytes.length - offset < need) {
      throw new IllegalArgumentException("kv_tensors: the .npy data is shorter than its shape says");
    }
    List<LayerKv> out = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      float[][] k = matrix(buf, offset + (long) (2 * l) * tokens * channels * type.bytes, tokens, channels, type);
      float[][] v = matrix(buf, offset + (long) (2 * l + 1) * tokens * channels * type.bytes, tokens, channels, type);
      out.add(new LayerKv(k, v));
    }
    return out;
  }

  static List<LayerKv> safetensors(byte[] bytes) {
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 8) {
      throw new IllegalArgumentException("kv_tensors: not a .safetensors file (too short)");
    }
    long n = buf.getLong(0);
    if (n <= 0 || n > bytes.length - 8) {
      throw new IllegalArgumentException("kv_tensors: not a .safetensors file (bad header length " + n + ")");
    }
    JsonNode header;
    try {
      header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("kv_tensors: the .safetensors header is not JSON: " + e.getMessage());
    }
    java.util.TreeMap<Integer, float[][][]> layers = new java.util.TreeMap<>();
    var fields = header.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      Matcher m = SAFE_NAME.matcher(e.getKey());
      if (!m.matches()) {
        continue;
      }
      float[][] t = safeTensor(buf, 8 + n, e.getKey(), e.getValue());
      layers.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new float[2][][])["key".equals(m.group(2)) ? 0 : 1] = t;
    }
    if (layers.isEmpty()) {
      throw new IllegalArgumentException("kv_tensors: no tensors named layers.<i>.key / layers.<i>.value");
    }
    List<LayerKv> out = new ArrayList<>();
    int expected = 0;
    for (var e : layers.entrySet()) {
      if (e.getKey() != expected++ || e.getValue()[0] == null || e.getValue()[1] == null) {
        throw new IllegalArgumentException("kv_tensors: expected layers.<i>.key and layers.<i>.value for every layer from 0, missing layer "
            + (expected - 1));
      }
      out.add(new LayerKv(e.getValue()[0], e.getValue()[1]));
    }
    return out;
  }

  private static float[][] safeTensor(ByteBuffer buf, long dataStart, String name, JsonNode info) {
    DType type = switch (info.path("dtype").asText()) {
      case "F16" -> DType.F16;
      case "BF16" -> DType.BF16;
      case "F32" -> DType.F32;
      default -> throw new IllegalArgumentException("kv_tensors: " + name + ": expected dtype F16, BF16 or F32, got " + info.path("dtype"));
    };
    JsonNode shape = info.path("shape");
    long begin = info.path("data_offsets").path(0).asLong();
    if (shape.size() == 2) {
      return matrix(buf, dataStart + begin, shape.get(0).asInt(), shape.get(1).asInt(), type);
    }
    if (shape.size() == 3) {
      int heads = shape.get(0).asInt();
      int tokens = shape.get(1).asInt();
      int dim = shape.get(2).asInt();
      float[][] out = new float[tokens][heads * dim];
      for (int h = 0; h < heads; h++) {
        float[][] m = matrix(buf, dataStart + begin + (long) h * tokens * dim * type.bytes, tokens, dim, type);
        for (int t = 0; t < tokens; t++) {
          System.arraycopy(m[t], 0, out[t], h * dim, dim);
        }
      }
      return out;
    }
    throw new IllegalArgumentException("kv_tensors: " + name + ": expected shape [tokens, channels] or [kv_heads, tokens, head_dim], got " + shape);
  }

  private static float[][] matrix(ByteBuffer buf, long offset, int rows, int cols, DType type) {
    float[][] m = new float[rows][cols];
    long p = offset;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        m[r][c] = type.read(buf, (int) p);
        p += type.bytes;
      }
    }
    return m;
  }

  private static long[] parseShape(String text) {
    return java.util.Arrays.stream(text.split(",")).map(String::strip).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
  }

  /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  enum DType {
    F16(2), BF16(2), F32(4), F64(8);

    final int bytes;

    DType(int bytes) {
      this.bytes = bytes;
    }

    float read(ByteBuffer buf, int at) {
      return switch (this) {
        case F16 -> halfToFloat(buf.getShort(at));
        case BF16 -> Float.intBitsToFloat((buf.getShort(at) & 0xffff) << 16);
        case F32 -> buf.getFloat(at);
        case F64 -> (float) buf.getDouble(at);
      };
    }
  }
}
