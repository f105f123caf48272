package io.tiersim.model.llm;

import io.tiersim.model.io.Require;

/**
 * Multi-head latent attention as in DeepSeek-V2 ({@code DeepseekV2Attention}): queries through an
 * optional low-rank projection ({@code qLoraRank}, 0 for a full {@code q_proj}), keys and values
 * through a shared latent of {@code kvLoraRank} plus a decoupled rotary key of {@code qkRopeHeadDim}.
 */
public record MlaSpec(
    int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {

  static final int MAX_RANK = 1 << 16;
  static final int MAX_HEAD_DIM = 1 << 12;

  public MlaSpec {
    Require.inRange(qLoraRank, 0, MAX_RANK, "q_lora_rank");
    Require.inRange(kvLoraRank, 1, MAX_RANK, "kv_lora_rank");
    Require.inRange(qkNopeHeadDim, 1, MAX_HEAD_DIM, "qk_nope_head_dim");
    Require.inRange(qkRopeHeadDim, 1, MAX_HEAD_DIM, "qk_rope_head_dim");
    Require.inRange(vHeadDim, 1, MAX_HEAD_DIM, "v_head_dim");
  }

  /** Width of one query/key head: the non-rotary part plus the rotary part. */
  public int qkHeadDim() {
    return qkNopeHeadDim + qkRopeHeadDim;
  }
}
