package io.tiersim.simulator.serving;

import io.tiersim.model.Tier;
import io.tiersim.model.llm.ModelArchitecture;
import io.tiersim.model.scenario.Runtime;
import io.tiersim.model.scenario.SchedulerConfig;
import io.tiersim.model.scenario.ServingConfig;
import io.tiersim.model.strategy.Strategy;
import io.tiersim.simulator.cost.CostModel;
import io.tiersim.simulator.cost.LayerOperators;
import io.tiersim.simulator.cost.Resource;
import io.tiersim.simulator.event.ChromeTrace;
import io.tiersim.simulator.event.EventQueue;
import io.tiersim.simulator.memory.MemoryAccountant;
import java.util.Arrays;

/**
 * Serves requests as they arrive, one iteration at a time, in the manner of vLLM and
 * Sarathi-Serve: each iteration every running sequence decodes one token and the budget left
 * ({@code max_batch_tokens} less the decodes) goes to prefill chunks, first of sequences already
 * prefilling, then of swapped-out sequences coming back, then of new requests in arrival order.
 * KV lives in paged blocks ({@link KvLayout}); when a decode needs a block and none is free the
 * most recently admitted sequence is preempted, by swapping its blocks to host memory over PCIe or
 * by dropping them to recompute later (vLLM's policies; the copies pay the link's per-transfer
 * latency per group of {@code swap_blocks_per_transfer} blocks, the context-switch cost FastSwitch
 * measures). Requests sharing a prefix share its blocks while one of them is resident, and skip
 * prefilling it (prefix caching); with {@code shared_prefix_attention} decode reads it once per
 * group (Hydragen, BatchLLM). Each iteration's time is the cost model's price of its mixed batch
 * ({@link IterationPricer}). Arrivals and iteration ends are events on one {@link EventQueue}.
 */
public final class ServingSimulator {
  private static final byte WAITING = 0;
  private static final byte PREFILLING = 1;
  private static final byte DECODING = 2;
  private static final byte SWAPPED = 3;
  private static final byte DONE = 4;
  private static final byte REJECTED = 5;
  private static final int ITERATION = -1;

  private final Strategy strategy;
  private final SchedulerConfig cfg;
  private final CostModel cost;
  private final LayerOperators ops;
  private final ModelArchitecture model;
  private final MemoryAccountant accountant;

  public ServingSimulator(ModelArchitecture model, CostModel cost, Runtime runtime, Strategy s, ServingConfig serving) {
    this.model = model;
    this.strategy = s;
    this.cfg = serving.scheduler();
    this.cost = cost;
    this.ops = new LayerOperators(model, cost, runtime);
    this.accountant = new MemoryAccountant(model, cost.system());
  }

  public Strategy strategy() {
    return strategy;
  }

  /** Serves {@code r}; spans and memory counters go to {@code trace} when it is not null. */
  public ServingRun run(Requests r, ServingProgress progress, ChromeTrace trace) {
    KvLayout layout = new KvLayout(model, accountant, strategy, cfg, r.meanPromptTokens(), r.meanOutputTokens());
    IterationPricer pricer = new IterationPricer(model, ops, strategy, r.meanPromptTokens());
    Run run = new Run(r, layout, pricer, progress == null ? ServingProgress.NONE : progress, trace);
    run.simulate();
    return run.result();
  }

  /** The mutable state of one run. */
  private final class Run {
    final Requests req;
    final KvLayout layout;
    final IterationPricer pricer;
    final ServingProgress progress;
    final ChromeTrace trace;
    final int traceProcess;
    final int n;
    final byte[] state;
    final long[] kv;
    final long[] prefilled;
    final long[] target;
    final int[] generated;
    final long[] blocks;
    final boolean[] shares;
    final double[] first;
    final double[] finish;
    final double[] scheduled;
    final int[] preempted;
    final long[] groupBlocks;
    final int[] groupRefs;
    final int[] groupStamp;
    final IntDeque waiting = new IntDeque();
    final IntDeque swapped = new IntDeque();
    int[] running = new int[64];
    int runningSize;
    long freeBlocks;
    long usedBlocks;
    long swappedBlocks;
    final EventQueue events = new EventQueue();
    int[] iterDecode = new int[64];
    int iterDecodes;
    int[] iterPrefill = new int[64];
    long[] iterChunk = new long[64];
    int iterPrefills;
    long iterations;
    long finished;
    long preemptions;
    long swapOuts;
    final MemoryTimeline timeline = new MemoryTimeline();
    final double[] tierBytes = new double[Tier.values().length];
    int stamp;

    Run(Requests req, KvLayout layout, IterationPricer pricer, ServingProgress progress, ChromeTrace trace) {
      this.req = req;
      this.layout = layout;
      this.pricer = pricer;
      this.progress = progress;
      this.trace = trace;
      this.traceProcess = trace == null ? 0 : trace.process("serve " + strategy.name());
      n = req.size();
      state = new byte[n];
      kv = new long[n];
      prefilled = new long[n];
      target = new long[n];
      generated = new int[n];
      blocks = new long[n];
      shares = new boolean[n];
      first = new double[n];
      finish = new double[n];
      scheduled = new double[n];
      preempted = new int[n];
      Arrays.fill(first, Double.NaN);
      Arrays.fill(finish, Double.NaN);
      Arrays.fill(scheduled, Double.NaN);
      int groups = Math.max(0, req.groups());
      groupBlocks = new long[groups];
      groupRefs = new int[groups];
      groupStamp = new int[groups];
      freeBlocks = layout.totalBlocks;
      for (int i = 0; i < n; i++) {
        target[i] = req.promptTokens(i);
      }
    }

    void simulate() {
      if (n == 0) {
        return;
      }
      events.push(req.arrivalS(0), 0);
      boolean busy = false;
      long limit = iterationLimit();
      while (!events.isEmpty()) {
        int e = events.pop();
        double now = events.lastTime();
        if (e >= 0) {
          arrive(e);
          if (e + 1 < n) {
            events.push(req.arrivalS(e + 1), e + 1);
          }
        } else {
          finishIteration(now);
          busy = false;
        }
        if (!busy) {
          busy = startIteration(now);
        }
        if (iterations > limit) {
          throw new IllegalStateException("serving run made no progress after " + iterations + " iterations");
        }
      }
    }

    private long iterationLimit() {
      long tokens = 0;
      for (int i = 0; i < n; i++) {
        tokens += req.promptTokens(i) + req.outputTokens(i);
      }
      return 8 * tokens + 1000;
    }

    private void arrive(int i) {
      long maxStored = req.promptTokens(i) + Math.max(0, req.outputTokens(i) - 1L);
      if (layout.blocksFor(maxStored, req.promptTokens(i)) > layout.totalBlocks) {
        state[i] = REJECTED;
        finished++;
        report();
        return;
      }
      waiting.addLast(i);
    }

    // ---- scheduling -----------------------------------------------------------------------

    private boolean startIteration(double now) {
      while (true) {
        iterDecodes = 0;
        iterPrefills = 0;
        double swapS = reserveDecodes();
        long budget = cfg.maxBatchTokens() - (long) iterDecodes;
        budget = continuePrefills(budget);
        swapS += swapIn(now);
        if (swapped.isEmpty()) {
          admit(budget, now);
        }
        if (iterDecodes + iterPrefills > 0 || swapS > 0) {
          double computeS = iterDecodes + iterPrefills > 0 ? price() : 0;
          double total = computeS + swapS;
          traceIteration(now, swapS, computeS);
          events.push(now + total, ITERATION);
          iterations++;
          return true;
        }
        if (!unblock()) {
          return false;
        }
      }
    }

    /** Gives every decoding sequence a block for its next token, preempting from the newest when none is free. */
    private double reserveDecodes() {
      double swapS = 0;
      for (int j = 0; j < runningSize; j++) {
        int r = running[j];
        if (state[r] != DECODING) {
          continue;
        }
        long need = ownBlocks(r, kv[r] + 1) - blocks[r];
        while (need > freeBlocks) {
          int victim = running[runningSize - 1];
          swapS += preempt(victim);
          if (victim == r) {
            break;
          }
        }
        if (state[r] != DECODING) {
          break;
        }
        allocate(r, need);
        add(r, true, 0);
      }
      return swapS;
    }

    private long continuePrefills(long budget) {
      for (int j = 0; j < runningSize && budget > 0; j++) {
        int r = running[j];
        if (state[r] == PREFILLING) {
          budget -= schedulePrefill(r, budget);
        }
      }
      return budget;
    }

    private double swapIn(double now) {
      double s = 0;
      while (!swapped.isEmpty() && runningSize < cfg.maxSequences()) {
        int r = swapped.peekFirst();
        long need = ownBlocks(r, kv[r] + 1);
        if (need > freeBlocks) {
          break;
        }
        swapped.pollFirst();
        swappedBlocks -= layout.blocksFor(kv[r], req.promptTokens(r));
        allocate(r, need);
        s += transfer(Resource.PCIE_HOST_TO_DEVICE, need);
        state[r] = DECODING;
        push(r);
      }
      return s;
    }

    private void admit(long budget, double now) {
      while (budget > 0 && runningSize < cfg.maxSequences() && !waiting.isEmpty()) {
        int r = waiting.peekFirst();
        useSharedPrefix(r);
        long remaining = target[r] - prefilled[r];
        if (!cfg.chunkedPrefill() && remaining > budget && iterDecodes + iterPrefills > 0) {
          break;
        }
        long chunk = cfg.chunkedPrefill() ? Math.min(remaining, budget) : remaining;
        if (fitTokens(r, chunk) <= 0) {
          releaseShared(r);
          break;
        }
        waiting.pollFirst();
        state[r] = PREFILLING;
        if (Double.isNaN(scheduled[r])) {
          scheduled[r] = now;
        }
        push(r);
        budget -= schedulePrefill(r, budget);
      }
    }

    /** Schedules up to {@code budget} prompt tokens of {@code r} that fit in free blocks; returns how many. */
    private long schedulePrefill(int r, long budget) {
      long remaining = target[r] - prefilled[r];
      long chunk = cfg.chunkedPrefill() ? Math.min(remaining, budget) : remaining;
      chunk = fitTokens(r, chunk);
      if (chunk <= 0) {
        return 0;
      }
      allocate(r, ownBlocks(r, prefilled[r] + chunk) - blocks[r]);
      add(r, false, chunk);
      return chunk;
    }

    /** The largest part of {@code chunk} whose KV fits in the free blocks. */
    private long fitTokens(int r, long chunk) {
      long need = ownBlocks(r, prefilled[r] + chunk) - blocks[r];
      if (need <= freeBlocks) {
        return chunk;
      }
      long lo = 0;
      long hi = chunk;
      while (lo < hi) {
        long mid = (lo + hi + 1) >>> 1;
        if (ownBlocks(r, prefilled[r] + mid) - blocks[r] <= freeBlocks) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      return lo;
    }

    /** Nothing could run: preempt the newest partial prefill, or reject a request no memory can hold. */
    private boolean unblock() {
      if (runningSize > 0) {
        preempt(running[runningSize - 1]);
        return true;
      }
      if (!waiting.isEmpty() && freeBlocks == layout.totalBlocks) {
        int r = waiting.pollFirst();
        state[r] = REJECTED;
        finished++;
        report();
        return true;
      }
      return false;
    }

    /** Evicts {@code r} (the newest running sequence); returns the seconds its swap-out takes. */
    private double preempt(int r) {
      runningSize--;
      preemptions++;
      preempted[r]++;
      releaseShared(r);
      long held = layout.blocksFor(kv[r], req.promptTokens(r));
      boolean swap = cfg.preemption() == SchedulerConfig.Preemption.SWAP && state[r] == DECODING
          && swappedBlocks + held <= layout.swapBlocks;
      freeBlocks += blocks[r];
      usedBlocks -= blocks[r];
      blocks[r] = 0;
      if (swap) {
        swapOuts++;
        swappedBlocks += held;
        state[r] = SWAPPED;
        swapped.addLast(r);
        return transfer(Resource.PCIE_DEVICE_TO_HOST, held);
      }
      if (generated[r] > 0) {
        target[r] = req.promptTokens(r) + (long) generated[r];
      }
      prefilled[r] = 0;
      kv[r] = 0;
      state[r] = WAITING;
      waiting.addFirst(r);
      return 0;
    }

    private double transfer(Resource link, long blockCount) {
      long transfers = (blockCount + cfg.swapBlocksPerTransfer() - 1) / cfg.swapBlocksPerTransfer();
      return cost.hostLink("swap", link, blockCount * layout.swapBytesPerBlock(), Math.max(1, transfers)).seconds();
    }

    // ---- shared prefixes ----------------------------------------------------------------------

    private long sharedBlocks(int r) {
      return req.sharedTokens(r) / layout.blockTokens;
    }

    /** A request whose group's prefix is resident starts after it. */
    private void useSharedPrefix(int r) {
      int g = req.group(r);
      if (shares[r] || g < 0 || !cfg.prefixCaching() || groupRefs[g] == 0 || sharedBlocks(r) == 0
          || prefilled[r] > 0) {
        return;
      }
      shares[r] = true;
      groupRefs[g]++;
      prefilled[r] = sharedBlocks(r) * layout.blockTokens;
      kv[r] = prefilled[r];
    }

    private void releaseShared(int r) {
      if (!shares[r]) {
        return;
      }
      int g = req.group(r);
      shares[r] = false;
      if (--groupRefs[g] == 0) {
        freeBlocks += groupBlocks[g];
        usedBlocks -= groupBlocks[g];
        groupBlocks[g] = 0;
      }
      if (state[r] == WAITING) {
        prefilled[r] = 0;
        kv[r] = 0;
      }
    }

    /** When a request has prefilled its group's prefix and the group holds none, its prefix blocks become the group's. */
    private void publishPrefix(int r) {
      int g = req.group(r);
      if (g < 0 || !cfg.prefixCaching() || shares[r] || groupRefs[g] > 0 || sharedBlocks(r) == 0) {
        return;
      }
      long b = Math.min(sharedBlocks(r), blocks[r]);
      blocks[r] -= b;
      groupBlocks[g] = b;
      groupRefs[g] = 1;
      shares[r] = true;
    }

    private long ownBlocks(int r, long kvTokens) {
      long all = layout.blocksFor(kvTokens, req.promptTokens(r));
      return shares[r] ? Math.max(0, all - sharedBlocks(r)) : all;
    }

    private void allocate(int r, long count) {
      if (count <= 0) {
        return;
      }
      freeBlocks -= count;
      usedBlocks += count;
      blocks[r] += count;
    }

    // ---- one iteration ------------------------------------------------------------------------

    private void add(int r, boolean decode, long chunk) {
      if (decode) {
        if (iterDecodes == iterDecode.length) {
          iterDecode = Arrays.copyOf(iterDecode, iterDecodes * 2);
        }
        iterDecode[iterDecodes++] = r;
        return;
      }
      if (iterPrefills == iterPrefill.length) {
        iterPrefill = Arrays.copyOf(iterPrefill, iterPrefills * 2);
        iterChunk = Arrays.copyOf(iterChunk, iterPrefills * 2);
      }
      iterPrefill[iterPrefills] = r;
      iterChunk[iterPrefills++] = chunk;
    }

    private double price() {
      double context = 0;
      if (iterDecodes > 0) {
        stamp++;
        for (int k = 0; k < iterDecodes; k++) {
          int r = iterDecode[k];
          double c = kv[r] + 1;
          if (cfg.sharedPrefixAttention() && shares[r]) {
            int g = req.group(r);
            long prefix = sharedBlocks(r) * layout.blockTokens;
            c -= prefix;
            if (groupStamp[g] != stamp) {
              groupStamp[g] = stamp;
              c += prefix;
            }
          }
          context += c;
        }
      }
      long tokens = 0;
      long past = 0;
      for (int k = 0; k < iterPrefills; k++) {
        tokens += iterChunk[k];
        past += prefilled[iterPrefill[k]];
      }
      return pricer.seconds(iterDecodes, context, tokens, iterPrefills, past);
    }

    private void finishIteration(double now) {
      for (int k = 0; k < iterDecodes; k++) {
        int r = iterDecode[k];
        if (state[r] != DECODING) {
          continue;
        }
        kv[r]++;
        if (++generated[r] >= req.outputTokens(r)) {
          complete(r, now);
        }
      }
      for (int k = 0; k < iterPrefills; k++) {
        int r = iterPrefill[k];
        if (state[r] != PREFILLING) {
          continue;
        }
        prefilled[r] += iterChunk[k];
        kv[r] = prefilled[r];
        if (prefilled[r] >= target[r]) {
          publishPrefix(r);
          state[r] = DECODING;
          generated[r]++;
          if (Double.isNaN(first[r])) {
            first[r] = now;
          }
          if (generated[r] >= req.outputTokens(r)) {
            complete(r, now);
          }
        }
      }
      compactRunning();
      sample(now);
    }

    private void complete(int r, double now) {
      releaseShared(r);
      freeBlocks += blocks[r];
      usedBlocks -= blocks[r];
      blocks[r] = 0;
      state[r] = DONE;
      finish[r] = now;
      finished++;
      report();
    }

    private void report() {
      if ((finished & 1023) == 0 || finished == n) {
        progress.update(finished, n);
      }
    }

    private void push(int r) {
      if (runningSize == running.length) {
        running = Arrays.copyOf(running, runningSize * 2);
      }
      running[runningSize++] = r;
    }

    private void compactRunning() {
      int k = 0;
      for (int j = 0; j < runningSize; j++) {
        int r = running[j];
        if (state[r] == PREFILLING || state[r] == DECODING) {
          running[k++] = r;
        }
      }
      runningSize = k;
    }

    private void sample(double now) {
      for (Tier t : Tier.values()) {
        int i = t.ordinal();
        long resident = usedBlocks;
        tierBytes[i] = layout.fixedBytes[i] + resident * layout.blockBytes[i]
            + (t == Tier.CPU ? swappedBlocks * layout.swapBytesPerBlock() : 0);
      }
      boolean kept = timeline.offer(now, tierBytes, runningSize, waiting.size() + swapped.size());
      if (kept && trace != null) {
        double gib = 1L << 30;
        trace.counter(traceProcess, "memory (GiB)", now, new String[] {"gpu", "cpu"},
            new double[] {tierBytes[Tier.GPU.ordinal()] / gib, tierBytes[Tier.CPU.ordinal()] / gib});
        trace.counter(traceProcess, "sequences", now, new String[] {"running", "waiting"},
            new double[] {runningSize, waiting.size() + swapped.size()});
      }
    }

    private void traceIteration(double now, double swapS, double computeS) {
      if (trace == null) {
        return;
      }
      if (swapS > 0) {
        trace.span(traceProcess, trace.thread(traceProcess, "pcie swaps"), "swap", now, swapS);
      }
      long tokens = 0;
      for (int k = 0; k < iterPrefills; k++) {
        tokens += iterChunk[k];
      }
      trace.span(traceProcess, trace.thread(traceProcess, "gpu iterations"),
          iterDecodes + " decode + " + tokens + " prefill tokens", now + swapS, computeS);
    }

    ServingRun result() {
      return new ServingRun(strategy.name(), req, state.clone(), first, finish, scheduled, preemptions, swapOuts,
          iterations, pricer.priced(), layout, timeline, layout.shortfall);
    }
  }

  /** Whether request {@code i} of a finished run completed (and was not rejected). */
  static boolean completed(byte state) {
    return state == DONE;
  }
}
