package io.tiersim.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Numeric formats of weights, activations and the KV cache, with their width in bits. */
public enum DataType {
  FP32("fp32", 32),
  TF32("tf32", 32),
  FP16("fp16", 16),
  BF16("bf16", 16),
  FP8("fp8", 8),
  INT8("int8", 8),
  INT4("int4", 4);

  private final String key;
  private final int bits;

  DataType(String key, int bits) {
    this.key = key;
    this.bits = bits;
  }

  @JsonValue
  public String key() {
    return key;
  }

  public int bits() {
    return bits;
  }

  public double bytes() {
    return bits / 8.0;
  }

  @JsonCreator
  public static DataType fromKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (DataType t : values()) {
      if (t.key.equals(k)) {
        return t;
      }
    }
    throw new IllegalArgumentException("data type: expected one of fp32, tf32, fp16, bf16, fp8, int8, int4, got '" + key + "'");
  }

  @Override
  public String toString() {
    return key;
  }
}
