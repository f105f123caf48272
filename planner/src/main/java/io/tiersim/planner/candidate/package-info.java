/**
 * The per-layer options the planner chooses from: written in a plan file as presets combined with
 * knob overrides ({@link io.tiersim.planner.candidate.CandidateConfig}), or derived from the presets
 * by default ({@link io.tiersim.planner.candidate.DefaultCandidates}), each resolved to a {@link
 * io.tiersim.planner.candidate.Candidate} with its whole-model quality loss.
 */
package io.tiersim.planner.candidate;
