package io.tiersim.model.scenario;

import io.tiersim.model.io.Require;

/**
 * Knobs of the discrete-event engine ({@code tiersim simulate --engine event}, {@code tiersim
 * serve}), in a scenario's optional {@code event:} block.
 *
 * @param prefetchDepth how many stages ahead streamed weights (and, past 1, the next GPU batch's
 *     KV and hidden states) are loaded; 1, the default, loads the next stage's weights during the
 *     current stage's first GPU batch, as FlexGen's loop and the analytic engine do
 * @param speculative TriForce-style draft and verify over an offloaded cache; null for none
 */
public record EventConfig(Integer prefetchDepth, SpeculativeConfig speculative) {
  public EventConfig {
    prefetchDepth = Require.inRange(prefetchDepth == null ? 1 : prefetchDepth, 1, 64, "prefetch_depth");
  }

  public static EventConfig defaults() {
    return new EventConfig(null, null);
  }
}
