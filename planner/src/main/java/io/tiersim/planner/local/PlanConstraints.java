package io.tiersim.planner.local;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.max;
import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import io.tiersim.planner.space.BudgetDimension;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;
import org.optaplanner.core.api.score.stream.tri.TriConstraintStream;

/**
 * The plan's constraints on Bavet streams. Hard: every budget (penalty proportional to the overflow
 * as a share of the budget). Soft: the objective.
 */
public final class PlanConstraints implements ConstraintProvider {

  @Override
  public Constraint[] defineConstraints(ConstraintFactory f) {
    return new Constraint[] {
        gpuMemoryAtPrefill(f), gpuMemoryAtDecode(f), cpuMemoryAtPrefill(f), cpuMemoryAtDecode(f),
        diskMemoryAtPrefill(f), diskMemoryAtDecode(f), qualityLoss(f), timeToFirstToken(f), timePerOutputToken(f),
        objective(f)};
  }

  // The GPUs hold the prefill peak: every layer's weights and KV plus the largest activation and stream buffers.
  Constraint gpuMemoryAtPrefill(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.GPU_PREFILL).asConstraint("GPU memory at prefill");
  }

  // The GPUs hold the decode peak, the whole run's KV included.
  Constraint gpuMemoryAtDecode(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.GPU_DECODE).asConstraint("GPU memory at decode");
  }

  // Host memory holds what is offloaded to it at the prefill peak.
  Constraint cpuMemoryAtPrefill(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.CPU_PREFILL).asConstraint("CPU memory at prefill");
  }

  // Host memory holds what is offloaded to it at the decode peak.
  Constraint cpuMemoryAtDecode(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.CPU_DECODE).asConstraint("CPU memory at decode");
  }

  // Local drives hold what is offloaded to them at the prefill peak.
  Constraint diskMemoryAtPrefill(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.DISK_PREFILL).asConstraint("disk at prefill");
  }

  // Local drives hold what is offloaded to them at the decode peak.
  Constraint diskMemoryAtDecode(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.DISK_DECODE).asConstraint("disk at decode");
  }

  // The layers' quality losses add up to at most the quality budget.
  Constraint qualityLoss(ConstraintFactory f) {
    return withinBudget(f, BudgetDimension.QUALITY).asConstraint("quality loss");
  }

  // Prefill of the batch ends within the time-to-first-token limit.
  Constraint timeToFirstToken(ConstraintFactory f) {
    return f.forEach(LayerSlot.class)
        .join(BatchSlot.class)
        .groupBy((LayerSlot l, BatchSlot b) -> b, sumLong((LayerSlot l, BatchSlot b) -> l.prefillNs(b)))
        .filter((b, ns) -> b.space.prefillTotalNs(b.index(), ns) > b.space.ttftLimitNs)
        .penalizeLong(HardSoftLongScore.ONE_HARD, (b, ns) -> ttftPenalty(b, ns))
        .asConstraint("time to first token");
  }

  // Each decode step, the slower of GPU work and the shared host link, stays within the TPOT limit.
  Constraint timePerOutputToken(ConstraintFactory f) {
    return f.forEach(LayerSlot.class)
        .join(BatchSlot.class)
        .groupBy((LayerSlot l, BatchSlot b) -> b, sumLong((LayerSlot l, BatchSlot b) -> l.decodeNs(b)), sumLong((LayerSlot l, BatchSlot b) -> l.linkNs(b)))
        .filter((b, gpu, link) -> tpotPenalty(b, gpu, link) > 0)
        .penalizeLong(HardSoftLongScore.ONE_HARD, PlanConstraints::tpotPenalty)
        .asConstraint("time per output token");
  }

  // Maximise generation throughput (or minimise TPOT): prefill plus the slower of GPU-side and link decode.
  Constraint objective(ConstraintFactory f) {
    return f.forEach(LayerSlot.class)
        .join(BatchSlot.class)
        .groupBy((LayerSlot l, BatchSlot b) -> b, sumLong((LayerSlot l, BatchSlot b) -> l.prefillNs(b)), sumLong((LayerSlot l, BatchSlot b) -> l.decodeNs(b)),
            sumLong((LayerSlot l, BatchSlot b) -> l.linkNs(b)))
        .rewardLong(HardSoftLongScore.ONE_SOFT, (b, prefill, gpu, link) -> b.space.objectiveUnits(b.index(), prefill, gpu, link))
        .asConstraint("objective");
  }

  private static TriConstraintStream<BatchSlot, Long, Long> usage(ConstraintFactory f, BudgetDimension r) {
    int k = r.ordinal();
    return f.forEach(LayerSlot.class)
        .join(BatchSlot.class)
        .groupBy((LayerSlot l, BatchSlot b) -> b, sumLong((LayerSlot l, BatchSlot b) -> l.use(b, k)), max((LayerSlot l, BatchSlot b) -> l.overhead(b, k)));
  }

  private static org.optaplanner.core.api.score.stream.tri.TriConstraintBuilder<BatchSlot, Long, Long, HardSoftLongScore>
      withinBudget(ConstraintFactory f, BudgetDimension r) {
    int k = r.ordinal();
    return usage(f, r)
        .filter((b, sum, overhead) -> b.space.overflowPenalty(k, sum + overhead) > 0)
        .penalizeLong(HardSoftLongScore.ONE_HARD, (b, sum, overhead) -> b.space.overflowPenalty(k, sum + overhead));
  }

  private static long ttftPenalty(BatchSlot b, long layersNs) {
    return b.space.ttftPenalty(b.index(), layersNs);
  }

  private static long tpotPenalty(BatchSlot b, long gpuNs, long linkNs) {
    return b.space.tpotPenalty(b.index(), gpuNs, linkNs);
  }
}
