package io.tiersim.planner.tensors;

/**
 * One layer's cached keys and values for one sequence, {@code [tokens][channels]} with the KV heads'
 * channels side by side (head {@code h} owns channels {@code h * headDim} to {@code (h + 1) * headDim - 1}).
 */
public record LayerKv(float[][] keys, float[][] values) {
  public LayerKv {
    if (keys.length == 0 || keys.length != values.length) {
      throw new IllegalArgumentException("kv tensors: keys and values need the same, non-zero number of tokens");
    }
  }

  public int tokens() {
    return keys.length;
  }

  public int channels() {
    return keys[0].length;
  }
}
