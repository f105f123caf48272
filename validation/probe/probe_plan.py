"""What the probe measures and in which order: the sweep of every microbenchmark series and every
end-to-end setting, and the runners that walk them under the time budget.

Standard library only. The runners call an executor (probe_torch.TorchExecutor on a GPU,
probe_synthetic.SyntheticExecutor for --dry-run) for the measurements themselves, so a dry run
goes through the same plans, budget checks, error handling and document assembly as a real one.
"""

import dataclasses

import probe_core as core
from probe_core import GIB, KIB, MIB


@dataclasses.dataclass(frozen=True)
class Item:
    """One point of a sweep: the shape recorded in the file, the work the rate divides by
    (bytes, FLOP, or operations for a latency) and a rough time for the budget."""

    shape: dict
    work: float
    estimate_s: float


@dataclasses.dataclass(frozen=True)
class SeriesSpec:
    id: str
    section: str
    kind: str
    method: str
    items: tuple
    warmup: int = 3
    repeats: int = 15
    dtype: str = None
    cap_s: float = 20.0

    @property
    def unit(self):
        return core.UNIT_OF_QUANTITY[core.KINDS[self.kind]]


@dataclasses.dataclass(frozen=True)
class DeviceFacts:
    """What the plans need to know about the GPU; rough rates only size the budget estimates."""

    memory_bytes: int
    l2_bytes: int
    hbm_bytes_per_s: float = 2.0e12
    host_link_bytes_per_s: float = 20e9
    tensor_flops_per_s: float = 4.0e14


SECTIONS = ("launch", "hbm", "l2", "pcie", "gemm", "attention", "dequant", "topk", "gather", "disk", "e2e")

# Size sweeps, geometric so the latency-bandwidth fit sees every decade.
HBM_SIZES = (1 * MIB, 4 * MIB, 16 * MIB, 64 * MIB, 256 * MIB, 1 * GIB, 2 * GIB)
PCIE_SIZES = (4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, 1 * MIB, 4 * MIB, 16 * MIB, 64 * MIB, 256 * MIB, 1 * GIB)
GEMM_SQUARES = (256, 512, 1024, 2048, 4096, 8192)
# Llama-3.1-8B's projections as (n, k) of y = x W^T: q, o (4096 x 4096), k/v (1024 x 4096),
# gate/up (14336 x 4096) and down (4096 x 14336); m is the number of tokens in the batch.
GEMM_LLAMA_NK = ((4096, 4096), (1024, 4096), (14336, 4096), (4096, 14336))
GEMM_TOKENS = (1, 16, 64, 256, 1024, 4096)
DECODE_BATCHES = (1, 8, 32, 64)
CONTEXTS = (1024, 4096, 16384, 32768)
PREFILL_LENGTHS = (512, 1024, 2048, 4096, 8192, 16384, 32768)
# Eager decode attention over FlexGen's cache layout, (tokens, batch x heads, head_dim), with the
# head count and width of OPT-6.7B and Llama-2-7B (32 x 128): batch x heads rows of 32 to 2048.
EAGER_HEADS = 32
EAGER_HEAD_DIM = 128
EAGER_BATCHES = (1, 4, 24, 64)
EAGER_CONTEXTS = (1024, 4096, 16384)
# FlexGen's 4-bit compression: groups of 64, asymmetric, min and scale in fp16 (compression.py).
DECOMPRESS_GROUP = 64
DECOMPRESS_BITS = 4
# HBM traffic of FlexGen's decompression per element: shift and mask read the packed byte and
# write a uint8 each (1 + 1), two strided copies read those and write fp16 halves (1.5 + 1.5),
# div_ and add_ read and rewrite the fp16 result (4 + 4). The same count as tiersim's cost model.
DECOMPRESS_TRAFFIC_BYTES_PER_ELEMENT = 13
# Weights as (rows, columns) grouped along rows (FlexGen's group_dim 0): OPT-6.7B's 4h x h fc1 and
# h x h projections; KV as (tokens, batch x heads, head_dim) grouped along head_dim (group_dim 2).
DECOMPRESS_WEIGHT_SHAPES = ((4096, 4096), (16384, 4096), (28672, 7168))
DECOMPRESS_KV_TOKENS = (512, 2048, 8192)
DECOMPRESS_KV_ROWS = 768  # batch 24 x 32 heads
DEQUANT_BATCHES = (1, 8, 32)
DEQUANT_CONTEXTS = (4096, 16384)
TOPK_LENGTHS = (1024, 4096, 16384, 65536, 131072)
TOPK_ROWS = 64  # batch 8 x 8 KV heads: one selection per KV head, as Quest and ShadowKV select
GATHER_CHUNKS = (4 * KIB, 16 * KIB, 64 * KIB, 256 * KIB, 1 * MIB, 4 * MIB)
DISK_SEQUENTIAL = (64 * KIB, 1 * MIB, 8 * MIB)
DISK_RANDOM = (4 * KIB, 64 * KIB, 1 * MIB)


def gemm_shape_supported(dtype, m, n, k):
    """cuBLASLt's fp8 path (torch._scaled_mm) needs every dimension a multiple of 16, and
    torch._int_mm needs m above 16 and k, n multiples of 8; other shapes would only raise."""
    if dtype == "fp8":
        return m % 16 == 0 and n % 16 == 0 and k % 16 == 0
    if dtype == "int8":
        return m > 16 and n % 8 == 0 and k % 8 == 0
    return True


def gemm_shapes(dtype):
    shapes = [(s, s, s) for s in GEMM_SQUARES]
    shapes += [(m, n, k) for (n, k) in GEMM_LLAMA_NK for m in GEMM_TOKENS]
    return [s for s in shapes if gemm_shape_supported(dtype, *s)]


def microbenchmark_plan(facts, model=core.LLAMA_31_8B, smoke=False):
    """Every series in run order. ``smoke`` shrinks every size so a CPU can run the same code."""
    f = facts
    shrink = (lambda n, floor=1: max(floor, n // 4096)) if smoke else (lambda n, floor=1: n)
    specs = []

    specs.append(SeriesSpec(
        "kernel-launch", "launch", "kernel_launch",
        "1000 back-to-back one-element in-place adds between two CUDA events; value = time / 1000 "
        "(asynchronous launch throughput, the per-kernel cost inside a stream of small kernels)",
        (Item({"kernels": 1000}, 1.0, 0.05),), warmup=2, repeats=10, cap_s=5))

    hbm = [s for s in HBM_SIZES if 3 * s < f.memory_bytes // 2]
    for kind, sid, factor, how in (
            ("hbm_read", "hbm-read", 1, "x.sum(dtype=float32) over a bf16 tensor"),
            ("hbm_write", "hbm-write", 1, "x.fill_(1) over a bf16 tensor"),
            ("hbm_copy", "hbm-copy", 2, "y.copy_(x) between bf16 tensors; bytes = read + written")):
        items = tuple(Item({"bytes": shrink(s) * factor, "buffer_bytes": shrink(s)}, shrink(s) * factor,
                           20 * (5e-6 + factor * s / f.hbm_bytes_per_s) + 0.05) for s in hbm)
        specs.append(SeriesSpec(
            sid, "hbm", kind, how + "; L2 flushed (a 2 x L2 buffer zeroed) before each repeat, which is "
            "timed alone between CUDA events", items, repeats=15, cap_s=15))

    l2_top = max(256 * KIB, f.l2_bytes // 2)
    l2 = []
    s = 256 * KIB
    while s <= l2_top:
        l2.append(s)
        s *= 2
    specs.append(SeriesSpec(
        "l2-read", "l2", "l2_read",
        "x.sum(dtype=float32) over a bf16 tensor of at most half the L2, 20 back-to-back reads between "
        "CUDA events after a warm-up read; value = bytes / (time / 20)",
        tuple(Item({"bytes": shrink(s), "reads": 20}, shrink(s), 0.02) for s in l2), repeats=15, cap_s=10))

    for kind, sid, pinned, top in (("h2d_pinned", "h2d-pinned", True, 1 * GIB),
                                   ("d2h_pinned", "d2h-pinned", True, 1 * GIB),
                                   ("h2d_pageable", "h2d-pageable", False, 256 * MIB),
                                   ("d2h_pageable", "d2h-pageable", False, 256 * MIB)):
        how = ("copy_(non_blocking=True) from/to page-locked host memory, timed by CUDA events" if pinned else
               "blocking copy_ from/to ordinary (pageable) host memory, timed by the host clock around the "
               "copy and a synchronize")
        items = tuple(Item({"bytes": shrink(s, 4096)}, shrink(s, 4096), 12 * (2e-5 + s / f.host_link_bytes_per_s))
                      for s in PCIE_SIZES if s <= top)
        specs.append(SeriesSpec(sid, "pcie", kind, how, items, repeats=10, cap_s=15))

    for dtype, how in (("bf16", "torch.matmul of bf16 operands (cuBLAS)"),
                       ("fp16", "torch.matmul of fp16 operands (cuBLAS)"),
                       ("fp8", "torch._scaled_mm of float8_e4m3fn operands with unit scales, bf16 output"),
                       ("int8", "torch._int_mm of int8 operands, int32 output")):
        items = []
        for (m, n, k) in gemm_shapes(dtype):
            mm, nn, kk = (shrink(m, 32), shrink(n, 32), shrink(k, 32)) if smoke else (m, n, k)
            if smoke:
                mm, nn, kk = (max(32, x - x % 32) for x in (mm, nn, kk))
            flops = 2.0 * mm * nn * kk
            items.append(Item({"m": mm, "n": nn, "k": kk}, flops, 15 * (1e-5 + flops / f.tensor_flops_per_s)))
        specs.append(SeriesSpec(
            "gemm-" + dtype, "gemm", "gemm", how + "; C = A B with A m x k, B k x n; value = 2 m n k / time",
            tuple(items), dtype=dtype, repeats=10, cap_s=15))

    h, kvh, hd = model.num_attention_heads, model.num_key_value_heads, model.head_dim
    decode = []
    for b in DECODE_BATCHES:
        for c in CONTEXTS:
            bb, cc = (b, max(64, c // 64)) if smoke else (b, c)
            kv_bytes = 2 * bb * kvh * cc * hd * 2
            decode.append(Item({"batch": bb, "context": cc, "q_heads": h, "kv_heads": kvh, "head_dim": hd,
                                "bytes": kv_bytes}, kv_bytes, 20 * (1e-5 + kv_bytes / f.hbm_bytes_per_s) + 0.05))
    specs.append(SeriesSpec(
        "decode-attention", "attention", "decode_attention",
        "F.scaled_dot_product_attention for one new token per sequence over a bf16 K/V of `context` tokens; "
        "grouped-query heads run as the 4 query rows of each KV head (no K/V repetition); "
        "value = K and V bytes read / time", tuple(decode), dtype="bf16", repeats=15, cap_s=15))

    prefill = []
    for p in PREFILL_LENGTHS:
        pp = max(64, p // 64) if smoke else p
        flops = 2.0 * pp * pp * hd * h  # causal: half of the dense 4 P^2 d H
        prefill.append(Item({"batch": 1, "tokens": pp, "q_heads": h, "kv_heads": kvh, "head_dim": hd}, flops,
                            10 * (1e-5 + flops / (0.5 * f.tensor_flops_per_s)) + 0.05))
    specs.append(SeriesSpec(
        "prefill-attention", "attention", "prefill_attention",
        "causal F.scaled_dot_product_attention over a bf16 prompt of `tokens` tokens; value = 2 P^2 d H / time "
        "(the causal half of the dense 4 P^2 d H FLOP)", tuple(prefill), dtype="bf16", repeats=8, cap_s=15))

    for bits in (4, 2):
        items = []
        for b in DEQUANT_BATCHES:
            for c in DEQUANT_CONTEXTS:
                cc = max(256, c // 64) if smoke else c
                quantized, residual = core.kivi_split(cc, 128)
                per_tensor = b * kvh * quantized * hd
                nbytes = 2 * (per_tensor * bits // 8 + per_tensor // 32 * 4) + 2 * b * kvh * residual * hd * 2
                items.append(Item({"batch": b, "context": cc, "bits": bits, "group_size": 32, "residual_tokens": 128,
                                   "q_heads": h, "kv_heads": kvh, "head_dim": hd, "bytes": nbytes}, nbytes,
                                  15 * (1e-4 + 8 * per_tensor * 2 / f.hbm_bytes_per_s) + 0.1))
        specs.append(SeriesSpec(
            "kv-dequant-attention-%dbit" % bits, "dequant", "kv_dequant_attention",
            "KIVI-style %d-bit cache (keys grouped per channel over 32 tokens, values per token over 32 "
            "channels, bf16 scale and zero per group, newest context %% 128 tokens in bf16): torch reference "
            "dequantisation of K and V into a bf16 buffer, then F.scaled_dot_product_attention for one new "
            "token; value = cache bytes (codes, scales, zeros, residual) / time" % bits,
            tuple(items), dtype="bf16", repeats=10, cap_s=15))

    eager = []
    for b in EAGER_BATCHES:
        for c in EAGER_CONTEXTS:
            bb, cc = (b, max(64, c // 64)) if smoke else (b, c)
            kv_bytes = 2 * cc * bb * EAGER_HEADS * EAGER_HEAD_DIM * 2
            if 3 * kv_bytes > f.memory_bytes // 2:
                continue
            eager.append(Item({"batch": bb, "context": cc, "heads": EAGER_HEADS, "head_dim": EAGER_HEAD_DIM,
                               "row_stride_bytes": bb * EAGER_HEADS * EAGER_HEAD_DIM * 2, "bytes": kv_bytes},
                              kv_bytes, 20 * (5e-5 + 2 * kv_bytes / f.hbm_bytes_per_s) + 0.05))
    specs.append(SeriesSpec(
        "decode-attention-eager", "attention", "decode_attention_eager",
        "eager fp16 decode attention as FlexGen's and H2O's mha_gen run it: K and V stored (context, batch x "
        "heads, head_dim); torch.bmm(q, k.permute(1, 2, 0)) on the strided view, torch.where with a boolean "
        "mask, softmax over the context, torch.bmm(w, v.permute(1, 0, 2)); value = K and V bytes / time",
        tuple(eager), dtype="fp16", repeats=15, cap_s=20))

    for kind, sid, shapes, how in (
            ("eager_decompress_weights", "eager-decompress-weights",
             DECOMPRESS_WEIGHT_SHAPES,
             "a (rows, columns) fp16 weight compressed along rows (FlexGen's group_dim 0)"),
            ("eager_decompress_kv", "eager-decompress-kv",
             [(t, DECOMPRESS_KV_ROWS * EAGER_HEAD_DIM) for t in DECOMPRESS_KV_TOKENS],
             "a (tokens, 768, 128) fp16 cache compressed along head_dim (FlexGen's group_dim 2), whose "
             "unpacking copies write every other fp16 element")):
        items = []
        for rows, cols in shapes:
            rr, cc = (max(DECOMPRESS_GROUP, rows // 64), cols) if smoke else (rows, cols)
            if smoke and kind == "eager_decompress_kv":
                cc = 4 * EAGER_HEAD_DIM
            elements = rr * cc
            traffic = DECOMPRESS_TRAFFIC_BYTES_PER_ELEMENT * elements
            if 4 * elements > f.memory_bytes // 4:
                continue
            items.append(Item({"rows": rr, "columns": cc, "elements": elements, "group_size": DECOMPRESS_GROUP,
                               "bits": DECOMPRESS_BITS, "bytes": traffic}, traffic,
                              20 * (6 * 5e-6 + traffic / f.hbm_bytes_per_s) + 0.05))
        specs.append(SeriesSpec(
            sid, "dequant", kind,
            "FlexGen's 4-bit group-wise decompression (compression.py, groups of 64, uint8 codes two per byte, "
            "fp16 scale and minimum per group) of " + how + ": shift and mask the packed bytes, copy the two "
            "halves into alternate fp16 positions, divide by the scale, add the minimum; value = 13 bytes of "
            "HBM traffic per element / time", tuple(items), dtype="fp16", repeats=15, cap_s=15))

    topk = []
    for n in TOPK_LENGTHS:
        nn = max(256, n // 64) if smoke else n
        k = max(1, min(2048, nn // 8))
        nbytes = TOPK_ROWS * nn * 4
        topk.append(Item({"rows": TOPK_ROWS, "length": nn, "k": k, "bytes": nbytes}, nbytes, 0.05))
    specs.append(SeriesSpec(
        "topk", "topk", "topk",
        "torch.topk(scores, k, dim=-1, sorted=False) over fp32 scores, one row per (sequence, KV head) as "
        "Quest and ShadowKV select blocks; value = score bytes / time", tuple(topk), dtype="fp32",
        repeats=15, cap_s=10))

    gather = []
    for chunk in GATHER_CHUNKS:
        cb = shrink(chunk, 512) if smoke else chunk
        total = (16 * MIB if chunk < 64 * KIB else 64 * MIB) if not smoke else max(cb * 8, 64 * KIB)
        gather.append(Item({"chunk_bytes": cb, "chunks": total // cb, "bytes": total}, total,
                           6 * (total // cb * 1e-5 + total / f.host_link_bytes_per_s)))
    specs.append(SeriesSpec(
        "kv-gather", "gather", "kv_gather",
        "`chunks` randomly chosen chunks of a 1 GiB page-locked host pool copied one cudaMemcpyAsync each "
        "(copy_(non_blocking=True)) into a contiguous GPU buffer, as an offloaded cache fetches scattered "
        "KV blocks; value = bytes / time", tuple(gather), repeats=5, cap_s=15))

    seq = tuple(Item({"request_bytes": r, "queue_depth": 1}, r, 2.0) for r in DISK_SEQUENTIAL)
    rnd = tuple(Item({"request_bytes": r, "queue_depth": 1}, r, 2.0) for r in DISK_RANDOM)
    specs.append(SeriesSpec(
        "ssd-read", "disk", "ssd_read",
        "sequential os.preadv of `request_bytes` with O_DIRECT (one request in flight) from a file written "
        "for the probe; value per request = bytes / time", seq, warmup=2, repeats=0, cap_s=12))
    specs.append(SeriesSpec(
        "ssd-random-read", "disk", "ssd_random_read",
        "random aligned os.preadv of `request_bytes` with O_DIRECT (one request in flight), no offset read "
        "twice; value per request = bytes / time", rnd, warmup=2, repeats=0, cap_s=12))
    return specs


# ---------------------------------------------------------------------------------------------
# End-to-end settings


@dataclasses.dataclass(frozen=True)
class SettingSpec:
    id: str
    phase: str
    layout: core.KvLayout
    batch: int
    context: int
    warmup: int
    timed: int
    estimate_bytes: int
    estimate_s: float

    @property
    def capacity(self):
        """Cache slots per sequence: the context plus every token the steps append."""
        if self.phase == "prefill":
            return self.context
        return self.context + self.warmup + self.timed


def _decode_estimate_s(cfg, layout, batch, context, steps, facts):
    weights = cfg.parameter_count() * 2
    cached = batch * layout.cache_tokens(context) * cfg.kv_bytes_per_token()
    launch = cfg.num_layers * 20 * 8e-6
    step = (weights + cached) / (0.7 * facts.hbm_bytes_per_s) + launch
    if layout.placement == "cpu_pinned":
        step += cached / (0.6 * facts.host_link_bytes_per_s)
    if layout.layout == "quantized_with_residual":
        step += 8 * cached / facts.hbm_bytes_per_s  # torch reference dequantisation passes
    fill = cached / facts.hbm_bytes_per_s + (cached / 5e9 if layout.placement == "cpu_pinned" else 0)
    return steps * step + fill + 0.5


def _prefill_estimate_s(cfg, batch, prompt, repeats, facts):
    tokens = batch * prompt
    dense = 2.0 * cfg.parameter_count() * tokens
    attention = cfg.num_layers * batch * 2.0 * prompt * prompt * cfg.head_dim * cfg.num_attention_heads
    return repeats * (dense / (0.6 * facts.tensor_flops_per_s) + attention / (0.4 * facts.tensor_flops_per_s)) + 0.5


def end_to_end_plan(facts, cfg=core.LLAMA_31_8B, smoke=False):
    """Settings in priority order: the uncompressed baseline first, then prefill, then the
    strategies. Each carries an estimate of its GPU bytes so that what cannot fit is recorded as
    skipped up front."""
    scale = (lambda c: max(16, c // 64)) if smoke else (lambda c: c)
    usable = 0.92 * facts.memory_bytes
    specs = []

    def decode(layout, batches, contexts, warmup, timed):
        for b in batches:
            for c in contexts:
                cc = scale(c)
                cap = cc + warmup + timed
                need = core.decode_gpu_bytes(cfg, layout, b, cap)
                est = _decode_estimate_s(cfg, layout, b, cc, warmup + timed, facts)
                specs.append(SettingSpec("decode/%s/b%d/c%d" % (layout.strategy, b, cc), "decode", layout, b, cc,
                                         warmup, timed, need, est))

    decode(core.FULL_BF16, DECODE_BATCHES, CONTEXTS, 2, 10)
    for b, p in ((1, 1024), (1, 4096), (1, 16384), (1, 32768), (8, 1024), (8, 4096), (32, 1024)):
        pp = scale(p)
        specs.append(SettingSpec("prefill/full-bf16/b%d/p%d" % (b, pp), "prefill", core.FULL_BF16, b, pp, 1, 3,
                                 core.prefill_gpu_bytes(cfg, b, pp), _prefill_estimate_s(cfg, b, pp, 4, facts)))
    decode(core.SINK_WINDOW, DECODE_BATCHES, (4096, 32768), 2, 10)
    decode(core.OFFLOAD_CPU, (1, 8), (1024, 4096, 16384), 1, 3)
    decode(core.KIVI_4, (1, 8, 32), (4096, 16384, 32768), 1, 5)
    decode(core.KIVI_2, (1, 8, 32), (4096, 16384, 32768), 1, 5)
    return [s for s in specs if s.estimate_bytes <= usable], [s for s in specs if s.estimate_bytes > usable]


# ---------------------------------------------------------------------------------------------
# Runners


class Unsupported(Exception):
    """A series or point this GPU or library cannot run (fp8 before Hopper, no O_DIRECT): recorded
    as skipped with the reason, not as an error."""


def run_series(spec, executor, deadline):
    series = core.new_series(spec.id, spec.kind, spec.unit, spec.method, dtype=spec.dtype, warmup=spec.warmup,
                             repeats=spec.repeats)
    stopped = None
    try:
        with executor.series(spec) as measure:
            series["kernel"] = getattr(measure, "kernel", None)
            series["notes"].extend(getattr(measure, "notes", []))
            for item in spec.items:
                if stopped or not deadline.allows(item.estimate_s):
                    stopped = "time budget exhausted before this point"
                    series["skipped_points"].append({"shape": dict(item.shape), "reason": stopped})
                    continue
                try:
                    seconds = measure(item)
                    series["points"].append(core.point(item.shape, spec.unit, seconds, item.work))
                except Unsupported as e:
                    series["skipped_points"].append({"shape": dict(item.shape), "reason": str(e)})
                except Exception as e:  # one failed point (often out of memory) must not end the sweep
                    series["skipped_points"].append({"shape": dict(item.shape), "reason": core.error_text(e)})
                    executor.recover()
            series["kernel"] = getattr(measure, "kernel", None) or series["kernel"]
    except Unsupported as e:
        series["status"] = "skipped"
        series["reason"] = str(e)
        return series
    except Exception as e:
        series["status"] = "error"
        series["reason"] = core.error_text(e)
        executor.recover()
        return series
    return core.finish_series(series, "time budget exhausted" if stopped else None)


def setting_record(spec, cfg):
    """The setting as tiersim needs it to simulate the same run, before any result."""
    lay = spec.layout
    strategy = {k: v for k, v in lay.tiersim_strategy}
    prefill = spec.phase == "prefill"
    steps = 0 if prefill else spec.warmup + spec.timed
    notes = []
    if not prefill:
        notes.append("the cache was filled with random values for `context_tokens` tokens instead of running a "
                     "prefill; the timed steps then each append one token per sequence")
    if lay.layout == "quantized_with_residual":
        notes.append("no residual flush happens inside the timed steps (KIVI quantises the residual once every "
                     "%d steps)" % lay.residual_tokens)
    return {
        "id": spec.id, "phase": spec.phase, "strategy": lay.strategy, "status": "ok", "reason": None,
        "batch_size": spec.batch, "prompt_tokens": spec.context, "context_tokens": spec.context,
        "warmup_steps": spec.warmup, "timed_steps": spec.timed, "attention_kernel": None,
        "kv_cache": {
            "placement": lay.placement, "layout": lay.layout, "dtype": "bf16",
            "key_bits": lay.key_bits, "value_bits": lay.value_bits,
            "group_size": lay.group_size or None, "key_axis": lay.key_axis or None,
            "value_axis": lay.value_axis or None, "residual_tokens": lay.residual_tokens or None,
            "sink_tokens": lay.sink_tokens or None, "window_tokens": lay.window_tokens or None,
            "capacity_tokens": lay.cache_tokens(spec.capacity),
            "bytes": core.kv_cache_bytes(cfg, lay, spec.batch, spec.capacity),
        },
        "tiersim_workload": {"batch_size": spec.batch, "prompt_tokens": spec.context,
                             "generate_tokens": 1 if prefill else steps + 1},
        "tiersim_strategy": strategy,
        "prefill_s": None, "decode_step_s": None, "memory": None,
        "host_to_device_bytes_per_step": None, "notes": notes,
    }


def run_end_to_end(executor, facts, budget, cfg=core.LLAMA_31_8B, smoke=False):
    planned, too_big = end_to_end_plan(facts, cfg, smoke)
    e2e = {
        "status": "ok", "reason": None, "model": cfg.to_json(), "weights_dtype": "bf16",
        "weights_bytes": cfg.parameter_count() * 2,
        "weights_init": "random normal(0, 0.02) bf16 weights built from the config; no checkpoint is read",
        "execution": "eager PyTorch on one CUDA stream, no CUDA graphs, greedy argmax; logits only for the last "
                     "position; separate q/k/v/o and gate/up/down projections as in Hugging Face's LlamaModel",
        "memory_counters": "max_allocated_bytes and max_reserved_bytes are torch.cuda.max_memory_allocated() and "
                           "max_memory_reserved() over the setting, after torch.cuda.empty_cache() and "
                           "reset_peak_memory_stats() with the weights already resident: tensors only, without "
                           "the CUDA context; device_used_bytes is total minus free from torch.cuda.mem_get_info() "
                           "at the end of the setting, which includes the context and other processes",
        "settings": [],
    }
    try:
        runner = executor.model_runner(cfg)
    except Exception as e:
        e2e["status"] = "error"
        e2e["reason"] = core.error_text(e)
        executor.recover()
        return e2e
    with runner:
        for spec in planned:
            rec = setting_record(spec, cfg)
            if not budget.allows(spec.estimate_s):
                rec["status"] = "skipped"
                rec["reason"] = "time budget: estimated %.1f s, %.1f s left" % (spec.estimate_s, budget.remaining())
            else:
                _run_setting(runner, spec, rec, executor)
            e2e["settings"].append(rec)
    for spec in too_big:
        rec = setting_record(spec, cfg)
        rec["status"] = "skipped"
        rec["reason"] = "does not fit: estimated %.1f GiB of %.1f GiB" % (spec.estimate_bytes / GIB,
                                                                          facts.memory_bytes / GIB)
        e2e["settings"].append(rec)
    ran = [s["status"] == "ok" for s in e2e["settings"][:len(planned)]]
    if not any(ran):
        e2e["status"] = "skipped" if planned else "error"
        e2e["reason"] = "no setting ran; see each setting's reason"
    elif not all(ran):
        e2e["status"] = "partial"
        e2e["reason"] = "%d of %d planned settings did not run; see each setting's reason" % (
            ran.count(False), len(ran))
    return e2e


def _run_setting(runner, spec, rec, executor):
    try:
        result = runner.run(spec)
    except Exception as e:
        rec["status"] = "oom" if executor.is_out_of_memory(e) else "error"
        rec["reason"] = core.error_text(e)
        executor.recover()
        return
    rec["attention_kernel"] = result.get("attention_kernel")
    rec["memory"] = result.get("memory")
    rec["host_to_device_bytes_per_step"] = result.get("host_to_device_bytes_per_step")
    if result.get("kv_cache_bytes"):
        rec["kv_cache"]["bytes"] = result["kv_cache_bytes"]
    key = "prefill_s" if spec.phase == "prefill" else "decode_step_s"
    rec[key] = core.summarize(result["seconds"])
    rec["notes"].extend(result.get("notes", []))
