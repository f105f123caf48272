"""The --dry-run executor: synthetic but plausible values, so that the plans, the runners, the
schema and the writer can be exercised without a GPU or torch.

The numbers follow the H100 SXM rows of hardware-profiles/ (gpus/h100-sxm.yaml and
systems/h100-sxm.yaml): HBM read 2561 GiB/s, write 2805.9 GiB/s, copy 3000 GB/s, L2 4528.9 GiB/s,
host link 35.2 GB/s up and 52.8 GB/s down, GEMM 798 of 989.4 TFLOPS at 8192^3, an NVMe drive
at 7 GB/s with 80 us per request. Rates no profile gives (pageable copies, attention, top-k) are
round assumptions. Every value carries seeded 2 % noise, so a file is the same on every run.
"""

import contextlib
import random
import zlib

import probe_core as core
import probe_plan as plan

GIB_S = float(1 << 30)

HBM_READ = 2561.0 * GIB_S
HBM_WRITE = 2805.9 * GIB_S
HBM_COPY = 3000e9
L2_READ = 4528.9 * GIB_S
H2D_PINNED = 35.2e9
D2H_PINNED = 52.8e9
H2D_PAGEABLE = 20e9     # assumption: about 0.6 of pinned through the driver's staging buffers
D2H_PAGEABLE = 25e9     # assumption, as above
PEAK = {"bf16": 989.4e12, "fp16": 989.4e12, "fp8": 1978.9e12, "int8": 1979e12}
EFF_MAX = {"bf16": 798 / 989.4, "fp16": 798 / 989.4, "fp8": 0.65, "int8": 0.6}  # fp8/int8: assumptions
KERNEL_S = 5e-6         # tiersim's KERNEL_LATENCY_PRIOR_S
MEMCPY_S = 10e-6
SSD_BYTES_PER_S = 7.0e9
SSD_LATENCY_S = 80e-6
MEMORY_BYTES = 80 * (1 << 30)
L2_BYTES = 50 * (1 << 20)


def _noise(key, count):
    rng = random.Random(zlib.crc32(key.encode("ascii")))
    return [max(0.9, 1 + 0.02 * rng.gauss(0, 1)) for _ in range(count)]


def seconds_for(spec, item):
    """The noiseless time of one operation under the synthetic machine's roofline."""
    s = item.shape
    kind = spec.kind
    if kind == "kernel_launch":
        return 2.5e-6
    if kind in ("hbm_read", "hbm_write", "hbm_copy"):
        rate = {"hbm_read": HBM_READ, "hbm_write": HBM_WRITE, "hbm_copy": HBM_COPY}[kind]
        return KERNEL_S + item.work / rate
    if kind == "l2_read":
        return 3e-6 + item.work / L2_READ
    if kind in ("h2d_pinned", "d2h_pinned", "h2d_pageable", "d2h_pageable"):
        rate = {"h2d_pinned": H2D_PINNED, "d2h_pinned": D2H_PINNED, "h2d_pageable": H2D_PAGEABLE,
                "d2h_pageable": D2H_PAGEABLE}[kind]
        return MEMCPY_S + item.work / rate
    if kind == "gemm":
        m, n, k = s["m"], s["n"], s["k"]
        width = 1 if spec.dtype in ("fp8", "int8") else 2
        moved = (m * k + k * n) * width + m * n * (4 if spec.dtype == "int8" else 2)
        return KERNEL_S + max(item.work / (EFF_MAX[spec.dtype] * PEAK[spec.dtype]), moved / HBM_READ)
    if kind == "decode_attention":
        return 8e-6 + item.work / (0.8 * HBM_READ)
    if kind == "decode_attention_eager":
        # Assumption: strided 256-byte rows at 60 % of a stream, five kernels.
        return 5 * KERNEL_S + item.work / (0.6 * HBM_READ)
    if kind in ("eager_decompress_weights", "eager_decompress_kv"):
        # Assumption: six passes, the KV layout's half-filled writes at 70 % of a stream.
        return 6 * KERNEL_S + item.work / ((0.9 if kind == "eager_decompress_weights" else 0.7) * HBM_READ)
    if kind == "prefill_attention":
        return 10e-6 + item.work / (0.45 * PEAK["bf16"])
    if kind == "kv_dequant_attention":
        bf16 = 2 * s["batch"] * s["kv_heads"] * s["context"] * s["head_dim"] * 2
        return 60e-6 + 4 * bf16 / HBM_READ
    if kind == "topk":
        return 30e-6 + item.work / 400e9
    if kind == "kv_gather":
        return s["chunks"] * 6e-6 + item.work / H2D_PINNED
    if kind in ("ssd_read", "ssd_random_read"):
        latency = SSD_LATENCY_S if kind == "ssd_random_read" else 15e-6
        return latency + item.work / SSD_BYTES_PER_S
    raise ValueError("no synthetic model for kind %r" % kind)


class _Measure:
    kernel = None

    def __init__(self, spec):
        self.spec = spec
        self.notes = ["synthetic value from probe_synthetic.py (dry run); not a measurement"]
        if spec.kind in ("decode_attention", "prefill_attention", "kv_dequant_attention"):
            self.kernel = "sdpa-flash"

    def __call__(self, item):
        count = self.spec.repeats or 64
        key = "%s|%s" % (self.spec.id, sorted(item.shape.items()))
        base = seconds_for(self.spec, item)
        return [base * f for f in _noise(key, count)]


class _ModelRunner:
    """Decode-step and prefill times from the synthetic roofline; memory from the estimates."""

    def __init__(self, cfg):
        self.cfg = cfg

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def run(self, spec):
        cfg = self.cfg
        weights = cfg.parameter_count() * 2
        kv = core.kv_cache_bytes(cfg, spec.layout, spec.batch, spec.capacity)
        if spec.phase == "prefill":
            tokens = spec.batch * spec.context
            flops = 2.0 * cfg.parameter_count() * tokens + cfg.num_layers * spec.batch * 2.0 * spec.context ** 2 * \
                cfg.head_dim * cfg.num_attention_heads
            base = flops / (0.6 * PEAK["bf16"])
            gpu = core.prefill_gpu_bytes(cfg, spec.batch, spec.context) - core.GIB
        else:
            read = kv if spec.layout.placement == "gpu" else 0
            base = (weights + read) / (0.8 * HBM_READ) + cfg.num_layers * 15 * KERNEL_S
            if spec.layout.placement == "cpu_pinned":
                base += kv / H2D_PINNED
            if spec.layout.layout == "quantized_with_residual":
                base += 4 * spec.batch * spec.capacity * cfg.kv_bytes_per_token() / HBM_READ
            gpu = core.decode_gpu_bytes(cfg, spec.layout, spec.batch, spec.capacity) - core.GIB
        seconds = [base * f for f in _noise(spec.id, spec.timed)]
        result = {
            "seconds": seconds, "attention_kernel": "sdpa-flash",
            "memory": {"max_allocated_bytes": int(gpu), "max_reserved_bytes": int(gpu * 1.02) + (1 << 21),
                       "device_used_bytes": int(gpu * 1.02) + 600 * (1 << 20), "kv_cache_bytes": int(kv)},
            "kv_cache_bytes": int(kv),
            "notes": ["synthetic value from probe_synthetic.py (dry run); not a measurement"],
        }
        if spec.layout.placement == "cpu_pinned":
            result["host_to_device_bytes_per_step"] = int(kv)
        return result


class SyntheticExecutor:
    mode = "dry_run"

    def facts(self):
        return plan.DeviceFacts(memory_bytes=MEMORY_BYTES, l2_bytes=L2_BYTES, hbm_bytes_per_s=HBM_READ,
                                host_link_bytes_per_s=H2D_PINNED, tensor_flops_per_s=PEAK["bf16"])

    def device_info(self):
        return {
            "name": "synthetic H100 SXM (dry run)", "index": 0, "compute_capability": "9.0",
            "memory_total_bytes": MEMORY_BYTES, "sm_count": 132, "l2_cache_bytes": L2_BYTES,
            "driver_version": "dry-run", "clocks_mhz": {"sm": 1980, "memory": 2619, "sm_max": 1980, "memory_max": 2619},
            "power_limit_w": 700.0, "pcie": {"generation": 5, "width": 16},
        }

    def libraries(self):
        return {"torch": None, "cuda": None, "cudnn": None, "triton": None}

    @contextlib.contextmanager
    def series(self, spec):
        yield _Measure(spec)

    def model_runner(self, cfg):
        return _ModelRunner(cfg)

    def recover(self):
        pass

    def is_out_of_memory(self, exc):
        return False
