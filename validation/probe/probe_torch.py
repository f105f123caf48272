"""The real executor: every microbenchmark and the end-to-end runner on a CUDA GPU with PyTorch
(or, with smoke=True, the same code on the CPU at toy sizes, to test the probe without a GPU).

Timing: CUDA events around the timed work on the current stream (elapsed_time is GPU time
between the two events), after warm-up runs and a synchronize; host-clock timing only where the
work is host-bound by nature (pageable copies, disk reads). Imports torch at module load.
"""

import contextlib
import gc
import os
import random
import subprocess
import tempfile
import time

import torch
import torch.nn.functional as F

import probe_core as core
import probe_disk as disk
import probe_kvquant as kvq
import probe_llama as llama
import probe_plan as plan
from probe_core import GIB, MIB


class Timer:
    def __init__(self, cuda):
        self.cuda = cuda

    def sync(self):
        if self.cuda:
            torch.cuda.synchronize()

    def repeat(self, fn, warmup, repeats, setup=None, inner=1, wall=False):
        """Seconds per call of ``fn``: ``repeats`` samples, each ``inner`` back-to-back calls
        between two events divided by ``inner``; ``setup`` runs untimed before each sample."""
        for _ in range(warmup):
            if setup:
                setup()
            fn()
        self.sync()
        out = []
        for _ in range(repeats):
            if setup:
                setup()
            out.append(self._time(fn, inner, wall) / inner)
        return out

    def once(self, fn):
        """(result, seconds) of one call."""
        box = []
        seconds = self._time(lambda: box.append(fn()), 1, False)
        return box[0], seconds

    def _time(self, fn, inner, wall):
        if not self.cuda or wall:
            self.sync()
            t0 = time.perf_counter()
            for _ in range(inner):
                fn()
            self.sync()
            return time.perf_counter() - t0
        start = torch.cuda.Event(enable_timing=True)
        end = torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(inner):
            fn()
        end.record()
        end.synchronize()
        return start.elapsed_time(end) / 1e3


class Measure:
    def __init__(self, fn, kernel=None, notes=()):
        self.fn = fn
        self.kernel = kernel
        self.notes = list(notes)

    def __call__(self, item):
        return self.fn(item)


def _nvidia_smi(index):
    fields = ("driver_version", "clocks.sm", "clocks.mem", "clocks.max.sm", "clocks.max.mem", "power.limit",
              "pcie.link.gen.current", "pcie.link.width.current")
    out = subprocess.run(["nvidia-smi", "--query-gpu=" + ",".join(fields), "--format=csv,noheader,nounits",
                          "-i", str(index)], capture_output=True, text=True, timeout=20, check=True).stdout
    values = [v.strip() for v in out.strip().splitlines()[0].split(",")]
    return dict(zip(fields, values))


def _int_or_none(s):
    try:
        return int(float(s))
    except (TypeError, ValueError):
        return None


def flexgen_decode_attention(q, k_cache, v_cache, mask):
    """One decode step's attention as FlexGen's mha_gen computes it. ``k_cache`` and ``v_cache``
    are (context, batch x heads, head_dim), ``q`` is (batch x heads, 1, head_dim) and ``mask``
    (batch, 1, 1, context) bool. Both matmuls read the cache through permuted views, so each
    head's rows are head_dim wide and batch x heads x head_dim apart; nothing is copied."""
    ctx, rows, _ = k_cache.shape
    b = mask.shape[0]
    keys = k_cache.permute(1, 2, 0)
    values = v_cache.permute(1, 0, 2)
    w = torch.bmm(q, keys).view(b, rows // b, 1, ctx)
    w = torch.where(mask, w, -1e4).view(rows, 1, ctx)
    return torch.bmm(F.softmax(w, dim=2), values)


class TorchExecutor:
    def __init__(self, device_index=0, smoke=False, disk_dir=None):
        self.smoke = smoke
        if smoke:
            self.device = torch.device("cpu")
        else:
            if not torch.cuda.is_available():
                raise RuntimeError("torch.cuda.is_available() is False: no usable CUDA GPU (use --dry-run)")
            self.device = torch.device("cuda", device_index)
            torch.cuda.set_device(self.device)
        self.cuda = not smoke
        self.index = device_index
        self.timer = Timer(self.cuda)
        self.disk_dir = disk_dir or tempfile.gettempdir()
        self.smi_error = None
        torch.manual_seed(0)
        random.seed(0)

    # -- facts -------------------------------------------------------------------------------

    def facts(self):
        if self.smoke:
            return plan.DeviceFacts(memory_bytes=8 * GIB, l2_bytes=4 * MIB, hbm_bytes_per_s=20e9,
                                    host_link_bytes_per_s=5e9, tensor_flops_per_s=1e11)
        props = torch.cuda.get_device_properties(self.device)
        l2 = getattr(props, "L2_cache_size", 0) or 50 * MIB
        return plan.DeviceFacts(memory_bytes=props.total_memory, l2_bytes=l2)

    def device_info(self):
        if self.smoke:
            return {"name": "cpu smoke run (%s)" % (os.cpu_count(),), "index": None, "compute_capability": None,
                    "memory_total_bytes": None, "sm_count": None, "l2_cache_bytes": None, "driver_version": None,
                    "clocks_mhz": None, "power_limit_w": None, "pcie": None}
        props = torch.cuda.get_device_properties(self.device)
        info = {"name": props.name, "index": self.index, "compute_capability": "%d.%d" % (props.major, props.minor),
                "memory_total_bytes": props.total_memory, "sm_count": props.multi_processor_count,
                "l2_cache_bytes": getattr(props, "L2_cache_size", None) or None, "driver_version": None,
                "clocks_mhz": None, "power_limit_w": None, "pcie": None}
        try:
            smi = _nvidia_smi(self.index)
            info["driver_version"] = smi["driver_version"] or None
            info["clocks_mhz"] = {"sm": _int_or_none(smi["clocks.sm"]), "memory": _int_or_none(smi["clocks.mem"]),
                                  "sm_max": _int_or_none(smi["clocks.max.sm"]),
                                  "memory_max": _int_or_none(smi["clocks.max.mem"])}
            limit = _int_or_none(smi["power.limit"])
            info["power_limit_w"] = float(limit) if limit else None
            info["pcie"] = {"generation": _int_or_none(smi["pcie.link.gen.current"]),
                            "width": _int_or_none(smi["pcie.link.width.current"])}
        except (OSError, subprocess.SubprocessError, IndexError, KeyError) as e:
            self.smi_error = core.error_text(e)  # driver and clocks stay null
        return info

    def libraries(self):
        libs = {"torch": torch.__version__, "cuda": torch.version.cuda,
                "cudnn": str(torch.backends.cudnn.version()) if torch.backends.cudnn.is_available() else None,
                "triton": None}
        try:
            import triton
            libs["triton"] = triton.__version__
        except ImportError:
            pass
        return libs

    # -- housekeeping ------------------------------------------------------------------------

    def recover(self):
        gc.collect()
        if self.cuda:
            torch.cuda.synchronize()
            torch.cuda.empty_cache()

    def is_out_of_memory(self, exc):
        oom = getattr(torch.cuda, "OutOfMemoryError", ())
        return (oom and isinstance(exc, oom)) or "out of memory" in str(exc).lower()

    def _empty(self, nbytes, dtype=torch.bfloat16, device=None):
        n = nbytes // torch.tensor([], dtype=dtype).element_size()
        return torch.empty(n, dtype=dtype, device=device or self.device)

    # -- series ------------------------------------------------------------------------------

    @contextlib.contextmanager
    def series(self, spec):
        make = getattr(self, "_" + spec.kind.replace("-", "_"), None)
        if spec.kind in ("hbm_read", "hbm_write", "hbm_copy"):
            make = self._hbm
        elif spec.kind in ("h2d_pinned", "d2h_pinned", "h2d_pageable", "d2h_pageable"):
            make = self._pcie
        if make is None:
            raise plan.Unsupported("the torch executor has no benchmark for %s" % spec.kind)
        with make(spec) as measure:
            yield measure
        self.recover()

    @contextlib.contextmanager
    def _kernel_launch(self, spec):
        x = torch.zeros(1, device=self.device)
        yield Measure(lambda item: self.timer.repeat(lambda: x.add_(1), spec.warmup, spec.repeats,
                                                     inner=item.shape["kernels"]))

    @contextlib.contextmanager
    def _hbm(self, spec):
        facts = self.facts()
        flush = self._empty(max(2 * facts.l2_bytes, 4 * MIB), torch.uint8)

        def measure(item):
            x = self._empty(item.shape["buffer_bytes"]).normal_()
            y = torch.empty_like(x) if spec.kind == "hbm_copy" else None
            fn = {"hbm_read": lambda: x.sum(dtype=torch.float32), "hbm_write": lambda: x.fill_(1.0),
                  "hbm_copy": lambda: y.copy_(x)}[spec.kind]
            try:
                return self.timer.repeat(fn, spec.warmup, spec.repeats, setup=flush.zero_)
            finally:
                del x, y

        yield Measure(measure)

    @contextlib.contextmanager
    def _l2_read(self, spec):
        def measure(item):
            x = self._empty(item.shape["bytes"]).normal_()
            return self.timer.repeat(lambda: x.sum(dtype=torch.float32), spec.warmup, spec.repeats,
                                     inner=item.shape["reads"])

        yield Measure(measure)

    @contextlib.contextmanager
    def _pcie(self, spec):
        pinned = spec.kind.endswith("pinned") and self.cuda
        top = max(i.shape["bytes"] for i in spec.items)
        host = torch.empty(top, dtype=torch.uint8, pin_memory=pinned)
        host.fill_(1)  # touch every page before timing
        dev = torch.empty(top, dtype=torch.uint8, device=self.device)
        dev.fill_(1)
        up = spec.kind.startswith("h2d")

        def measure(item):
            n = item.shape["bytes"]
            src, dst = (host[:n], dev[:n]) if up else (dev[:n], host[:n])
            return self.timer.repeat(lambda: dst.copy_(src, non_blocking=pinned), spec.warmup, spec.repeats,
                                     wall=not pinned)

        notes = [] if pinned or not self.cuda else ["pageable copies are timed by the host clock"]
        yield Measure(measure, notes=notes)
        del host, dev

    @contextlib.contextmanager
    def _gemm(self, spec):
        dt = spec.dtype
        if dt == "fp8":
            if not (hasattr(torch, "float8_e4m3fn") and hasattr(torch, "_scaled_mm")):
                raise plan.Unsupported("this torch has no float8_e4m3fn or torch._scaled_mm")
            if self.cuda and torch.cuda.get_device_capability(self.device) < (8, 9):
                raise plan.Unsupported("fp8 tensor cores need compute capability 8.9 or later")
        if dt == "int8" and not hasattr(torch, "_int_mm"):
            raise plan.Unsupported("this torch has no torch._int_mm")
        one = torch.ones((), device=self.device, dtype=torch.float32)

        def measure(item):
            m, n, k = item.shape["m"], item.shape["n"], item.shape["k"]
            if dt in ("bf16", "fp16"):
                t = torch.bfloat16 if dt == "bf16" else torch.float16
                a = torch.randn(m, k, device=self.device, dtype=t)
                b = torch.randn(k, n, device=self.device, dtype=t)
                fn = lambda: torch.matmul(a, b)  # noqa: E731
            elif dt == "fp8":
                a = torch.randn(m, k, device=self.device).to(torch.float8_e4m3fn)
                b = torch.randn(n, k, device=self.device).to(torch.float8_e4m3fn).t()  # column-major, as cuBLASLt needs
                fn = lambda: torch._scaled_mm(a, b, scale_a=one, scale_b=one, out_dtype=torch.bfloat16)  # noqa: E731
            else:
                a = torch.randint(-128, 128, (m, k), device=self.device, dtype=torch.int8)
                b = torch.randint(-128, 128, (k, n), device=self.device, dtype=torch.int8)
                fn = lambda: torch._int_mm(a, b)  # noqa: E731
            return self.timer.repeat(fn, spec.warmup, spec.repeats)

        yield Measure(measure)

    def _decode_backend(self):
        q = torch.zeros(1, 2, 4, 64, device=self.device, dtype=torch.bfloat16)
        kv = torch.zeros(1, 2, 128, 64, device=self.device, dtype=torch.bfloat16)
        return llama.pick_backend([lambda: llama.decode_attention(q, kv, kv)])

    @contextlib.contextmanager
    def _decode_attention(self, spec):
        backend = self._decode_backend()

        def measure(item):
            s = item.shape
            g = s["q_heads"] // s["kv_heads"]
            q = torch.randn(s["batch"], s["kv_heads"], g, s["head_dim"], device=self.device, dtype=torch.bfloat16)
            k = torch.randn(s["batch"], s["kv_heads"], s["context"], s["head_dim"], device=self.device,
                            dtype=torch.bfloat16)
            v = torch.randn_like(k)
            with llama.sdpa_backend(backend):
                return self.timer.repeat(lambda: llama.decode_attention(q, k, v), spec.warmup, spec.repeats)

        yield Measure(measure, kernel="sdpa-" + backend)

    def _half(self):
        """fp16 on the GPU; fp32 in the CPU smoke run, whose older CPU kernels lack half matmuls."""
        return torch.float16 if self.cuda else torch.float32

    @contextlib.contextmanager
    def _decode_attention_eager(self, spec):
        dt = self._half()

        def measure(item):
            s = item.shape
            b, heads, ctx, hd = s["batch"], s["heads"], s["context"], s["head_dim"]
            rows = b * heads
            # FlexGen's layout: one token's heads of the whole batch side by side.
            k = torch.randn(ctx, rows, hd, device=self.device, dtype=dt)
            v = torch.randn_like(k)
            q = torch.randn(rows, 1, hd, device=self.device, dtype=dt)
            mask = torch.ones(b, 1, 1, ctx, dtype=torch.bool, device=self.device)
            try:
                return self.timer.repeat(lambda: flexgen_decode_attention(q, k, v, mask), spec.warmup,
                                         spec.repeats)
            finally:
                del k, v

        yield Measure(measure, kernel="torch-bmm-strided")

    @staticmethod
    def _decompress_4bit(codes, scales, out, dim):
        """FlexGen's eager decompression: nibbles into alternate positions along ``dim``, then
        divide by each group's scale and add its minimum, in place."""
        even = [slice(None)] * out.dim()
        odd = list(even)
        even[dim] = slice(0, None, 2)
        odd[dim] = slice(1, None, 2)
        out[tuple(even)] = codes >> 4
        out[tuple(odd)] = codes & 15
        scale, minimum = scales.split(1, dim=dim)
        out.div_(scale)
        out.add_(minimum)
        return out

    def _eager_decompress(self, spec, layout):
        dt = self._half()
        group = plan.DECOMPRESS_GROUP

        def measure(item):
            s = item.shape
            rows, cols = s["rows"], s["columns"]
            if layout == "weights":  # (rows, columns) in groups of 64 rows
                groups = (rows + group - 1) // group
                code_shape, scale_shape, out_shape, dim = (groups, group // 2, cols), (groups, 2, cols), \
                    (groups, group, cols), 1
            else:  # (tokens, batch x heads, head_dim) in groups of 64 along head_dim
                heads = cols // plan.EAGER_HEAD_DIM
                groups = plan.EAGER_HEAD_DIM // group
                code_shape, scale_shape, out_shape, dim = (rows, heads, groups, group // 2), \
                    (rows, heads, groups, 2), (rows, heads, groups, group), 3
            codes = torch.randint(0, 256, code_shape, dtype=torch.uint8, device=self.device)
            scales = (torch.rand(scale_shape, device=self.device) + 0.5).to(dt)

            def step():
                # A fresh output per call, as FlexGen allocates one per decompression.
                out = torch.empty(out_shape, dtype=dt, device=self.device)
                return self._decompress_4bit(codes, scales, out, dim)

            try:
                return self.timer.repeat(step, spec.warmup, spec.repeats)
            finally:
                del codes, scales

        return Measure(measure, kernel="torch-eager")

    @contextlib.contextmanager
    def _eager_decompress_weights(self, spec):
        yield self._eager_decompress(spec, "weights")

    @contextlib.contextmanager
    def _eager_decompress_kv(self, spec):
        yield self._eager_decompress(spec, "kv")

    @contextlib.contextmanager
    def _prefill_attention(self, spec):
        gqa = llama.gqa_supported()

        def call(q, k, v):
            if gqa:
                return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
            return F.scaled_dot_product_attention(q, k, v, is_causal=True)

        def tensors(s, tokens):
            q = torch.randn(s["batch"], s["q_heads"], tokens, s["head_dim"], device=self.device, dtype=torch.bfloat16)
            heads = s["kv_heads"] if gqa else s["q_heads"]  # without enable_gqa, K/V are expanded before timing
            k = torch.randn(s["batch"], heads, tokens, s["head_dim"], device=self.device, dtype=torch.bfloat16)
            return q, k, torch.randn_like(k)

        small = tensors(spec.items[0].shape, 128)
        backend = llama.pick_backend([lambda: call(*small)])

        def measure(item):
            q, k, v = tensors(item.shape, item.shape["tokens"])
            with llama.sdpa_backend(backend):
                return self.timer.repeat(lambda: call(q, k, v), spec.warmup, spec.repeats)

        notes = [] if gqa else ["no enable_gqa in this torch: K and V were expanded to every query head before timing"]
        yield Measure(measure, kernel="sdpa-" + backend, notes=notes)

    @contextlib.contextmanager
    def _kv_dequant_attention(self, spec):
        backend = self._decode_backend()

        def measure(item):
            s = item.shape
            b, kvh, hd, bits, group = s["batch"], s["kv_heads"], s["head_dim"], s["bits"], s["group_size"]
            quantized, residual = core.kivi_split(s["context"], s["residual_tokens"])
            keys = kvq.QuantizedTensor(b, kvh, quantized, hd, bits, group, "channel", self.device)
            values = kvq.QuantizedTensor(b, kvh, quantized, hd, bits, group, "token", self.device)
            wk = torch.randn(b, kvh, s["context"], hd, device=self.device, dtype=torch.bfloat16)
            wv = torch.randn_like(wk)  # the residual tokens live at the end of these buffers
            q = torch.randn(b, kvh, s["q_heads"] // kvh, hd, device=self.device, dtype=torch.bfloat16)

            def step():
                keys.dequantize_into(wk[:, :, :quantized])
                values.dequantize_into(wv[:, :, :quantized])
                return llama.decode_attention(q, wk, wv)

            with llama.sdpa_backend(backend):
                return self.timer.repeat(step, spec.warmup, spec.repeats)

        yield Measure(measure, kernel="torch-reference-dequant+sdpa-" + backend)

    @contextlib.contextmanager
    def _topk(self, spec):
        def measure(item):
            s = item.shape
            scores = torch.randn(s["rows"], s["length"], device=self.device, dtype=torch.float32)
            return self.timer.repeat(lambda: torch.topk(scores, s["k"], dim=-1, sorted=False), spec.warmup,
                                     spec.repeats)

        yield Measure(measure)

    @contextlib.contextmanager
    def _kv_gather(self, spec):
        pool_bytes = 1 * GIB if not self.smoke else 4 * MIB
        pool = torch.empty(pool_bytes, dtype=torch.uint8, pin_memory=self.cuda)
        pool.fill_(1)
        rng = random.Random(0)

        def measure(item):
            chunk, count = item.shape["chunk_bytes"], item.shape["chunks"]
            blocks = pool.view(-1, chunk)
            picks = rng.sample(range(blocks.shape[0]), count)
            dst = torch.empty(count, chunk, dtype=torch.uint8, device=self.device)

            def gather():
                for i, j in enumerate(picks):
                    dst[i].copy_(blocks[j], non_blocking=self.cuda)

            return self.timer.repeat(gather, spec.warmup, spec.repeats)

        yield Measure(measure)
        del pool

    def _disk(self, spec):
        f = disk.ProbeFile(self.disk_dir, (1 * GIB) if not self.smoke else 16 * MIB)
        mount, fstype, dev = disk.filesystem_of(self.disk_dir)
        notes = [f.note, "file on %s (%s, %s)" % (mount or self.disk_dir, fstype, dev)]
        sequential = spec.kind == "ssd_read"

        def measure(item):
            times = disk.read_requests(f, item.shape["request_bytes"], sequential, max_requests=4000,
                                       max_seconds=1.5 if not self.smoke else 0.1)
            return times[spec.warmup:] or times
        return f, Measure(measure, notes=notes)

    @contextlib.contextmanager
    def _ssd_read(self, spec):
        f, measure = self._disk(spec)
        try:
            yield measure
        finally:
            f.remove()

    _ssd_random_read = _ssd_read

    # -- end to end --------------------------------------------------------------------------

    def model_runner(self, cfg):
        return ModelRunner(self, cfg)


class ModelRunner:
    """Builds the model once and runs each end-to-end setting against a fresh cache."""

    def __init__(self, executor, cfg):
        self.x = executor
        self.cfg = cfg
        self.model = llama.LlamaModel(cfg, executor.device)
        dev = executor.device
        g = cfg.num_attention_heads // cfg.num_key_value_heads
        q = torch.zeros(1, cfg.num_key_value_heads, g, cfg.head_dim, device=dev, dtype=torch.bfloat16)
        # A slice of a longer buffer, as the caches pass it: the backend must accept the stride.
        kv = torch.zeros(1, cfg.num_key_value_heads, 80, cfg.head_dim, device=dev, dtype=torch.bfloat16)[:, :, :64]
        self.decode_backend = llama.pick_backend([lambda: llama.decode_attention(q, kv, kv)])
        tokens = torch.zeros(1, 64, dtype=torch.long, device=dev)
        small = llama.ContiguousCache(cfg, 1, 64, dev, torch.bfloat16)
        self.prefill_backend = llama.pick_backend([lambda: self.model.prefill(tokens, small)])
        del small

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        del self.model
        self.x.recover()
        return False

    def _reset_memory(self):
        self.x.recover()
        if self.x.cuda:
            torch.cuda.reset_peak_memory_stats(self.x.device)

    def _memory(self, cache):
        if not self.x.cuda:
            return None
        free, total = torch.cuda.mem_get_info(self.x.device)
        return {"max_allocated_bytes": torch.cuda.max_memory_allocated(self.x.device),
                "max_reserved_bytes": torch.cuda.max_memory_reserved(self.x.device),
                "device_used_bytes": total - free, "kv_cache_bytes": cache.nbytes()}

    def run(self, spec):
        self._reset_memory()
        cfg, dev, timer = self.cfg, self.x.device, self.x.timer
        cache = llama.make_cache(cfg, spec.layout, spec.batch, spec.context, spec.capacity, dev, torch.bfloat16,
                                 pin=self.x.cuda)
        try:
            notes = []
            if spec.phase == "prefill":
                tokens = torch.randint(0, cfg.vocab_size, (spec.batch, spec.context), device=dev)
                with llama.sdpa_backend(self.prefill_backend):
                    for _ in range(spec.warmup):
                        self.model.prefill(tokens, cache)
                    timer.sync()
                    seconds = [timer.once(lambda: self.model.prefill(tokens, cache))[1] for _ in range(spec.timed)]
                kernel = "sdpa-" + self.prefill_backend
            else:
                cache.fill_random(spec.context)
                tokens = torch.randint(0, cfg.vocab_size, (spec.batch,), device=dev)
                position = spec.context
                seconds = []
                with llama.sdpa_backend(self.decode_backend):
                    for step in range(spec.warmup + spec.timed):
                        tokens, t = timer.once(lambda: self.model.decode_step(tokens, position, cache))
                        if step >= spec.warmup:
                            seconds.append(t)
                        position += 1
                kernel = "sdpa-" + self.decode_backend
                if isinstance(cache, llama.QuantizedCache):
                    kernel = "torch-reference-dequant+" + kernel
                    notes.append("one layer's K and V are dequantised into a shared bf16 buffer of %d bytes"
                                 % (cache.gpu_nbytes() - cache.nbytes()))
            result = {"seconds": seconds, "attention_kernel": kernel, "memory": self._memory(cache),
                      "kv_cache_bytes": cache.nbytes(), "notes": notes}
            if isinstance(cache, llama.HostCache):
                result["host_to_device_bytes_per_step"] = cache.transfer_bytes_per_step()
            return result
        finally:
            del cache
