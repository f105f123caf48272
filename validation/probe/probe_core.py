"""Pure logic of the tiersim GPU probe: statistics, the time budget, the measurement-file schema,
the model shapes and memory estimates, and the atomic JSON writer.

Standard library only, and no torch import, so that ``probe.py --dry-run`` and the unit tests run
on a machine without a GPU. The file format is documented in README.md; the Java loader
(io.tiersim.model.measurement) reads exactly what ``validate_document`` accepts, and a JUnit test
loads a dry-run file to keep the two from drifting.
"""

import dataclasses
import json
import math
import os
import tempfile
import time

# Version 2 added the decode_attention_eager, eager_decompress_weights and eager_decompress_kv kinds.
SCHEMA_VERSION = 2
PROBE_VERSION = "0.1.0"

# Units of a series' values: name -> (quantity, factor from base units). The quantity of a kind
# must match io.tiersim.model.hardware.MeasurementKind.Quantity.
UNITS = {
    "gb_s": ("bandwidth", 1e-9),   # bytes/s -> GB/s (10^9)
    "tflops": ("compute", 1e-12),  # FLOP/s (OP/s for integers) -> 10^12
    "us": ("latency", 1e6),        # s -> microseconds
}

# Every kind a series may have, with its quantity; the keys are MeasurementKind's file keys.
KINDS = {
    "hbm_read": "bandwidth",
    "hbm_write": "bandwidth",
    "hbm_copy": "bandwidth",
    "l2_read": "bandwidth",
    "kernel_launch": "latency",
    "h2d_pinned": "bandwidth",
    "d2h_pinned": "bandwidth",
    "h2d_pageable": "bandwidth",
    "d2h_pageable": "bandwidth",
    "gemm": "compute",
    "decode_attention": "bandwidth",
    "prefill_attention": "compute",
    "kv_dequant_attention": "bandwidth",
    "topk": "bandwidth",
    "kv_gather": "bandwidth",
    "ssd_read": "bandwidth",
    "ssd_random_read": "bandwidth",
    "decode_attention_eager": "bandwidth",
    "eager_decompress_weights": "bandwidth",
    "eager_decompress_kv": "bandwidth",
}

UNIT_OF_QUANTITY = {"bandwidth": "gb_s", "compute": "tflops", "latency": "us"}

SERIES_STATUSES = ("ok", "partial", "skipped", "error")
SETTING_STATUSES = ("ok", "skipped", "error", "oom")
MODES = ("gpu", "dry_run", "cpu_smoke")
DTYPES = ("fp32", "tf32", "fp16", "bf16", "fp8", "int8", "int4")

GIB = 1 << 30
MIB = 1 << 20
KIB = 1 << 10


# ---------------------------------------------------------------------------------------------
# Statistics


def percentile(values, q):
    """The q-th percentile (0..100) with linear interpolation between closest ranks (numpy's
    default, Hyndman-Fan type 7), so results match what an analyst computes with numpy."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError("q must be in [0, 100], got %r" % (q,))
    s = sorted(values)
    pos = (len(s) - 1) * q / 100.0
    lo = math.floor(pos)
    hi = math.ceil(pos)
    if lo == hi:
        return float(s[lo])
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summarize(values):
    """Median, p10, p90, interquartile range and count of positive finite samples."""
    clean = [float(v) for v in values]
    if not clean:
        raise ValueError("no samples")
    for v in clean:
        if not math.isfinite(v) or v <= 0:
            raise ValueError("samples must be positive and finite, got %r" % (v,))
    return {
        "median": percentile(clean, 50),
        "p10": percentile(clean, 10),
        "p90": percentile(clean, 90),
        "iqr": percentile(clean, 75) - percentile(clean, 25),
        "samples": len(clean),
    }


def rate_samples(seconds, work, unit):
    """Per-repeat values in ``unit``: work/s scaled for rates, seconds per unit of work for us."""
    quantity, factor = UNITS[unit]
    if quantity == "latency":
        return [s / work * factor for s in seconds]
    return [work / s * factor for s in seconds]


def point(shape, unit, seconds, work):
    """One measured point: the shape, the statistics of the per-repeat values, and the median time."""
    stats = summarize(rate_samples(seconds, work, unit))
    p = {"shape": dict(shape), "unit": unit}
    p.update(stats)
    p["median_s"] = percentile(seconds, 50)
    return p


# ---------------------------------------------------------------------------------------------
# Time budget


class TimeBudget:
    """A wall-clock allowance for the whole run. Sections ask before each item whether its
    estimate still fits; what does not fit is recorded as skipped, never silently dropped."""

    def __init__(self, limit_s, clock=time.monotonic):
        if not limit_s > 0:
            raise ValueError("budget must be positive, got %r" % (limit_s,))
        self.limit_s = float(limit_s)
        self._clock = clock
        self._start = clock()
        self.exhausted = False

    def elapsed(self):
        return self._clock() - self._start

    def remaining(self):
        return max(0.0, self.limit_s - self.elapsed())

    def allows(self, estimate_s=0.0, reserve_s=0.0):
        """Whether an item estimated at ``estimate_s`` fits, keeping ``reserve_s`` for later
        sections. Marks the budget exhausted when nothing more fits."""
        ok = self.remaining() - reserve_s > estimate_s
        if not ok and self.remaining() <= 0:
            self.exhausted = True
        return ok

    def summary(self):
        return {"limit_s": self.limit_s, "used_s": round(self.elapsed(), 3),
                "exhausted": bool(self.exhausted or self.remaining() <= 0)}


class Deadline:
    """A section's share of the budget: stops at its own cap or at the global budget's reserve."""

    def __init__(self, budget, cap_s, reserve_s=0.0):
        self.budget = budget
        self.reserve_s = reserve_s
        self._end = budget.elapsed() + cap_s

    def allows(self, estimate_s=0.0):
        own = self._end - self.budget.elapsed() > estimate_s
        return own and self.budget.allows(estimate_s, self.reserve_s)


# ---------------------------------------------------------------------------------------------
# Model shapes and memory estimates


@dataclasses.dataclass(frozen=True)
class ModelConfig:
    """A Llama-family decoder's shapes; the probe builds it with random weights."""

    name: str
    tiersim_model: str
    num_layers: int
    hidden_size: int
    num_attention_heads: int
    num_key_value_heads: int
    head_dim: int
    intermediate_size: int
    vocab_size: int
    rope_theta: float
    rms_norm_eps: float
    tie_word_embeddings: bool = False

    def parameter_count(self):
        """Exact count as Hugging Face's LlamaForCausalLM holds it (no biases)."""
        h, hd = self.hidden_size, self.head_dim
        attn = h * self.num_attention_heads * hd * 2 + h * self.num_key_value_heads * hd * 2
        mlp = 3 * h * self.intermediate_size
        per_layer = attn + mlp + 2 * h
        embeddings = self.vocab_size * h * (1 if self.tie_word_embeddings else 2)
        return self.num_layers * per_layer + embeddings + h

    def kv_bytes_per_token(self, bytes_per_element=2):
        return 2 * self.num_layers * self.num_key_value_heads * self.head_dim * bytes_per_element

    def to_json(self):
        d = dataclasses.asdict(self)
        d["norm"] = "rmsnorm"
        d["activation"] = "swiglu"
        d["parameter_count"] = self.parameter_count()
        return d


# Llama-3.1-8B's config.json (meta-llama/Llama-3.1-8B), hard-coded so nothing is downloaded.
# rope_scaling (llama3, factor 8) changes no shape or time and is left out.
LLAMA_31_8B = ModelConfig(
    name="llama-3.1-8b-random-weights", tiersim_model="llama-3.1-8b", num_layers=32, hidden_size=4096,
    num_attention_heads=32, num_key_value_heads=8, head_dim=128, intermediate_size=14336,
    vocab_size=128256, rope_theta=500000.0, rms_norm_eps=1e-5)

# The same family at toy size, for --cpu-smoke runs and the torch unit tests.
TINY_LLAMA = ModelConfig(
    name="tiny-llama-random-weights", tiersim_model="llama-3.1-8b", num_layers=2, hidden_size=256,
    num_attention_heads=4, num_key_value_heads=2, head_dim=64, intermediate_size=512, vocab_size=1000,
    rope_theta=500000.0, rms_norm_eps=1e-5)


@dataclasses.dataclass(frozen=True)
class KvLayout:
    """How a strategy stores the KV cache: what tiersim needs to simulate the identical setting."""

    strategy: str
    placement: str = "gpu"           # gpu | cpu_pinned
    layout: str = "contiguous"       # contiguous | ring | quantized_with_residual
    key_bits: int = 16
    value_bits: int = 16
    group_size: int = 0
    key_axis: str = ""
    value_axis: str = ""
    residual_tokens: int = 0
    sink_tokens: int = 0
    window_tokens: int = 0
    tiersim_strategy: tuple = ()     # key/value pairs of a tiersim strategy in scenario syntax

    def cache_tokens(self, context_tokens):
        """Tokens the cache holds at a context: a sink+window cache stops growing."""
        if self.layout == "ring":
            return min(context_tokens, self.sink_tokens + self.window_tokens)
        return context_tokens


FULL_BF16 = KvLayout("full-bf16", tiersim_strategy=(("preset", "full-fp16"),))
OFFLOAD_CPU = KvLayout("offload-kv-cpu", placement="cpu_pinned", tiersim_strategy=(
    ("name", "offload-kv-cpu"), ("offload", {"kv_cache": {"gpu": 0.0, "cpu": 1.0}})))
KIVI_4 = KvLayout("kivi-4", layout="quantized_with_residual", key_bits=4, value_bits=4, group_size=32,
                  key_axis="channel", value_axis="token", residual_tokens=128,
                  tiersim_strategy=(("preset", "kivi-4"), ("attention", {"dequantize": "eager"})))
KIVI_2 = KvLayout("kivi-2", layout="quantized_with_residual", key_bits=2, value_bits=2, group_size=32,
                  key_axis="channel", value_axis="token", residual_tokens=128,
                  tiersim_strategy=(("preset", "kivi-2"), ("attention", {"dequantize": "eager"})))
SINK_WINDOW = KvLayout("sink-window", layout="ring", sink_tokens=4, window_tokens=2044,
                       tiersim_strategy=(("preset", "streamingllm"),))


def quantized_bytes(cfg, tokens, bits, group, batch=1):
    """Bytes of one tensor (keys or values) of a group-wise quantised cache over all layers:
    packed codes plus a bf16 scale and zero per group of ``group`` elements."""
    elements = cfg.num_layers * batch * cfg.num_key_value_heads * tokens * cfg.head_dim
    return elements * bits // 8 + (elements // group) * 2 * 2


def kivi_split(context_tokens, residual_tokens):
    """KIVI's split of a context: the newest ``context % residual`` tokens stay in bf16, the rest
    is quantised (KIVI's LlamaAttention keeps ``seq_len % residual_length`` in full precision)."""
    residual = context_tokens % residual_tokens
    return context_tokens - residual, residual


def kv_cache_bytes(cfg, layout, batch, capacity_tokens):
    """Bytes the strategy's cache holds for ``capacity_tokens`` per sequence (all layers)."""
    if layout.layout == "quantized_with_residual":
        quantized, residual = kivi_split(capacity_tokens, layout.residual_tokens)
        return (quantized_bytes(cfg, quantized, layout.key_bits, layout.group_size, batch)
                + quantized_bytes(cfg, quantized, layout.value_bits, layout.group_size, batch)
                + batch * residual * cfg.kv_bytes_per_token())
    return batch * layout.cache_tokens(capacity_tokens) * cfg.kv_bytes_per_token()


def decode_gpu_bytes(cfg, layout, batch, capacity_tokens):
    """Estimated GPU bytes of a decode setting: weights, the cache (or its one-layer staging and
    dequantisation buffers), logits and a fixed allowance for activations and cuBLAS workspace."""
    weights = cfg.parameter_count() * 2
    layer_bf16 = batch * capacity_tokens * cfg.kv_bytes_per_token() // cfg.num_layers
    if layout.placement == "cpu_pinned":
        kv = layer_bf16
    elif layout.layout == "quantized_with_residual":
        kv = kv_cache_bytes(cfg, layout, batch, capacity_tokens) + layer_bf16
    else:
        kv = kv_cache_bytes(cfg, layout, batch, capacity_tokens)
    logits = batch * cfg.vocab_size * 4
    return weights + kv + logits + GIB


def prefill_gpu_bytes(cfg, batch, prompt_tokens):
    """Estimated GPU bytes of a bf16 prefill: weights, the cache, and the largest activations
    (the MLP's gate, up and product, plus hidden-sized tensors) at 2 bytes per element."""
    tokens = batch * prompt_tokens
    weights = cfg.parameter_count() * 2
    kv = tokens * cfg.kv_bytes_per_token()
    activations = tokens * (3 * cfg.intermediate_size + 6 * cfg.hidden_size) * 2
    return weights + kv + activations + GIB


# ---------------------------------------------------------------------------------------------
# Document assembly


def new_document(mode, budget_limit_s, command):
    return {
        "schema_version": SCHEMA_VERSION,
        "probe_version": PROBE_VERSION,
        "mode": mode,
        "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "command": command,
        "host": None,
        "device": None,
        "libraries": {},
        "budget": {"limit_s": float(budget_limit_s), "used_s": 0.0, "exhausted": False},
        "microbenchmarks": [],
        "end_to_end": None,
        "errors": [],
    }


def new_series(series_id, kind, unit, method, dtype=None, kernel=None, warmup=0, repeats=0):
    return {
        "id": series_id, "kind": kind, "status": "ok", "reason": None, "method": method,
        "kernel": kernel, "unit": unit, "dtype": dtype, "warmup": warmup, "repeats": repeats,
        "points": [], "skipped_points": [], "notes": [],
    }


def finish_series(series, stopped_reason=None):
    """Sets the status from what was measured: partial when the budget cut the sweep."""
    if series["status"] == "error":
        return series
    if not series["points"]:
        series["status"] = "skipped" if stopped_reason or not series["skipped_points"] else "error"
        series["reason"] = stopped_reason or series["reason"] or "every point failed; see skipped_points"
    elif stopped_reason:
        series["status"] = "partial"
        series["reason"] = stopped_reason
    return series


def error_text(exc):
    """One line naming the exception type and its first message line."""
    msg = str(exc).strip().splitlines()
    return type(exc).__name__ + (": " + msg[0][:300] if msg else "")


# ---------------------------------------------------------------------------------------------
# Schema check (the Java loader enforces the same; keep both in step with README.md)

_TOP = {"schema_version", "probe_version", "mode", "created_utc", "command", "host", "device", "libraries",
        "budget", "microbenchmarks", "end_to_end", "errors"}
_SERIES = {"id", "kind", "status", "reason", "method", "kernel", "unit", "dtype", "warmup", "repeats", "points",
           "skipped_points", "notes"}
_POINT = {"shape", "unit", "median", "p10", "p90", "iqr", "samples", "median_s"}
_STATS = {"median", "p10", "p90", "iqr", "samples"}
_DEVICE = {"name", "index", "compute_capability", "memory_total_bytes", "sm_count", "l2_cache_bytes",
           "driver_version", "clocks_mhz", "power_limit_w", "pcie"}
_CLOCKS = {"sm", "memory", "sm_max", "memory_max"}
_PCIE = {"generation", "width"}
_HOST = {"hostname", "platform", "python", "cpu_model", "cpu_count", "memory_bytes"}
_BUDGET = {"limit_s", "used_s", "exhausted"}
_E2E = {"status", "reason", "model", "weights_dtype", "weights_bytes", "weights_init", "execution",
        "memory_counters", "settings"}
_MODEL = {"name", "tiersim_model", "num_layers", "hidden_size", "num_attention_heads", "num_key_value_heads",
          "head_dim", "intermediate_size", "vocab_size", "rope_theta", "rms_norm_eps", "tie_word_embeddings",
          "norm", "activation", "parameter_count"}
_SETTING = {"id", "phase", "strategy", "status", "reason", "batch_size", "prompt_tokens", "context_tokens",
            "warmup_steps", "timed_steps", "attention_kernel", "kv_cache", "tiersim_workload", "tiersim_strategy",
            "prefill_s", "decode_step_s", "memory", "host_to_device_bytes_per_step", "notes"}
_KV = {"placement", "layout", "dtype", "key_bits", "value_bits", "group_size", "key_axis", "value_axis",
       "residual_tokens", "sink_tokens", "window_tokens", "capacity_tokens", "bytes"}
_MEMORY = {"max_allocated_bytes", "max_reserved_bytes", "device_used_bytes", "kv_cache_bytes"}
_WORKLOAD = {"batch_size", "prompt_tokens", "generate_tokens"}
_ERROR = {"section", "message"}


class _Checker:
    def __init__(self):
        self.errors = []

    def fail(self, path, problem):
        self.errors.append("%s: %s" % (path or "(document)", problem))

    def fields(self, obj, path, allowed, required=()):
        if not isinstance(obj, dict):
            self.fail(path, "expected an object")
            return False
        for k in obj:
            if k not in allowed:
                self.fail(_join(path, k), "unknown field")
        for k in required:
            if k not in obj:
                self.fail(_join(path, k), "missing")
        return True

    def number(self, obj, key, path, positive=False, integer=False, optional=False):
        v = obj.get(key)
        p = _join(path, key)
        if v is None:
            if not optional:
                self.fail(p, "expected a number, got null")
            return
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            self.fail(p, "expected a finite number, got %r" % (v,))
        elif integer and not isinstance(v, int):
            self.fail(p, "expected an integer, got %r" % (v,))
        elif positive and v <= 0:
            self.fail(p, "expected a positive number, got %r" % (v,))
        elif v < 0:
            self.fail(p, "expected zero or a positive number, got %r" % (v,))

    def text(self, obj, key, path, optional=False, choices=None):
        v = obj.get(key)
        p = _join(path, key)
        if v is None:
            if not optional:
                self.fail(p, "expected a string, got null")
            return
        if not isinstance(v, str) or not v.strip():
            self.fail(p, "expected a non-empty string, got %r" % (v,))
        elif choices is not None and v not in choices:
            self.fail(p, "expected one of %s, got %r" % (", ".join(choices), v))


def _join(path, key):
    return key if not path else "%s.%s" % (path, key)


def validate_document(doc):
    """Every schema problem as 'path: problem'; an empty list means the Java loader accepts it."""
    c = _Checker()
    if not c.fields(doc, "", _TOP, required=_TOP):
        return c.errors
    if doc.get("schema_version") != SCHEMA_VERSION:
        c.fail("schema_version", "expected %d" % SCHEMA_VERSION)
    c.text(doc, "probe_version", "")
    c.text(doc, "mode", "", choices=MODES)
    c.text(doc, "created_utc", "")
    c.text(doc, "command", "")
    if doc.get("host") is not None and c.fields(doc["host"], "host", _HOST):
        for k in ("cpu_count", "memory_bytes"):
            c.number(doc["host"], k, "host", positive=True, integer=True, optional=True)
    _check_device(c, doc.get("device"))
    libs = doc.get("libraries")
    if not isinstance(libs, dict):
        c.fail("libraries", "expected an object")
    else:
        for k, v in libs.items():
            if v is not None and not isinstance(v, str):
                c.fail("libraries." + k, "expected a string or null")
    if c.fields(doc.get("budget"), "budget", _BUDGET, required=_BUDGET):
        c.number(doc["budget"], "limit_s", "budget", positive=True)
        c.number(doc["budget"], "used_s", "budget")
    if not isinstance(doc.get("microbenchmarks"), list):
        c.fail("microbenchmarks", "expected a list")
    else:
        ids = set()
        for i, s in enumerate(doc["microbenchmarks"]):
            _check_series(c, s, "microbenchmarks[%d]" % i)
            if isinstance(s, dict):
                if s.get("id") in ids:
                    c.fail("microbenchmarks[%d].id" % i, "duplicate id %r" % (s.get("id"),))
                ids.add(s.get("id"))
    if doc.get("end_to_end") is not None:
        _check_e2e(c, doc["end_to_end"], "end_to_end")
    if not isinstance(doc.get("errors"), list):
        c.fail("errors", "expected a list")
    else:
        for i, e in enumerate(doc["errors"]):
            if c.fields(e, "errors[%d]" % i, _ERROR, required=_ERROR):
                c.text(e, "section", "errors[%d]" % i)
                c.text(e, "message", "errors[%d]" % i)
    return c.errors


def _check_device(c, dev):
    if dev is None:
        return
    if not c.fields(dev, "device", _DEVICE, required=("name",)):
        return
    c.text(dev, "name", "device")
    for k in ("memory_total_bytes", "sm_count", "l2_cache_bytes"):
        c.number(dev, k, "device", positive=True, integer=True, optional=True)
    c.number(dev, "index", "device", integer=True, optional=True)
    c.number(dev, "power_limit_w", "device", positive=True, optional=True)
    if dev.get("clocks_mhz") is not None and c.fields(dev["clocks_mhz"], "device.clocks_mhz", _CLOCKS):
        for k in _CLOCKS:
            c.number(dev["clocks_mhz"], k, "device.clocks_mhz", positive=True, integer=True, optional=True)
    if dev.get("pcie") is not None and c.fields(dev["pcie"], "device.pcie", _PCIE):
        for k in _PCIE:
            c.number(dev["pcie"], k, "device.pcie", positive=True, integer=True, optional=True)


def _check_series(c, s, path):
    if not c.fields(s, path, _SERIES, required=("id", "kind", "status", "method", "unit", "points")):
        return
    c.text(s, "id", path)
    c.text(s, "kind", path, choices=sorted(KINDS))
    c.text(s, "status", path, choices=SERIES_STATUSES)
    c.text(s, "method", path)
    c.text(s, "unit", path, choices=sorted(UNITS))
    c.text(s, "dtype", path, optional=True, choices=DTYPES)
    c.text(s, "kernel", path, optional=True)
    if s.get("kind") in KINDS and s.get("unit") in UNITS and UNIT_OF_QUANTITY[KINDS[s["kind"]]] != s["unit"]:
        c.fail(path + ".unit", "a %s series is measured in %s" % (s["kind"], UNIT_OF_QUANTITY[KINDS[s["kind"]]]))
    if s.get("status") in ("skipped", "error") and not s.get("reason"):
        c.fail(path + ".reason", "a %s series needs a reason" % s.get("status"))
    if s.get("status") in ("ok", "partial") and not s.get("points"):
        c.fail(path + ".points", "an %s series needs at least one point" % s.get("status"))
    for k in ("warmup", "repeats"):
        c.number(s, k, path, integer=True, optional=True)
    for i, p in enumerate(s.get("points") or []):
        _check_point(c, p, "%s.points[%d]" % (path, i), s.get("unit"))
    for i, p in enumerate(s.get("skipped_points") or []):
        pp = "%s.skipped_points[%d]" % (path, i)
        if c.fields(p, pp, {"shape", "reason"}, required=("shape", "reason")):
            _check_shape(c, p["shape"], pp + ".shape")
            c.text(p, "reason", pp)
    for i, n in enumerate(s.get("notes") or []):
        if not isinstance(n, str):
            c.fail("%s.notes[%d]" % (path, i), "expected a string")


def _check_shape(c, shape, path):
    if not isinstance(shape, dict) or not shape:
        c.fail(path, "expected a non-empty object of integer dimensions")
        return
    for k, v in shape.items():
        if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
            c.fail(_join(path, k), "expected a positive integer, got %r" % (v,))


def _check_stats(c, st, path):
    for k in ("median", "p10", "p90"):
        c.number(st, k, path, positive=True)
    c.number(st, "iqr", path)
    c.number(st, "samples", path, positive=True, integer=True)
    vals = [st.get(k) for k in ("p10", "median", "p90")]
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        if not vals[0] <= vals[1] * (1 + 1e-9) or not vals[1] <= vals[2] * (1 + 1e-9):
            c.fail(path, "expected p10 <= median <= p90, got %r" % (vals,))


def _check_point(c, p, path, unit):
    if not c.fields(p, path, _POINT, required=_POINT):
        return
    _check_shape(c, p["shape"], path + ".shape")
    if p.get("unit") != unit:
        c.fail(path + ".unit", "expected the series unit %r, got %r" % (unit, p.get("unit")))
    _check_stats(c, p, path)
    c.number(p, "median_s", path, positive=True)


def _check_e2e(c, e, path):
    if not c.fields(e, path, _E2E, required=("status", "model", "settings")):
        return
    c.text(e, "status", path, choices=("ok", "partial", "skipped", "error"))
    if c.fields(e.get("model"), path + ".model", _MODEL, required=_MODEL):
        m = e["model"]
        for k in ("num_layers", "hidden_size", "num_attention_heads", "num_key_value_heads", "head_dim",
                  "intermediate_size", "vocab_size", "parameter_count"):
            c.number(m, k, path + ".model", positive=True, integer=True)
    c.number(e, "weights_bytes", path, positive=True, integer=True, optional=True)
    if not isinstance(e.get("settings"), list):
        c.fail(path + ".settings", "expected a list")
        return
    ids = set()
    for i, s in enumerate(e["settings"]):
        sp = "%s.settings[%d]" % (path, i)
        _check_setting(c, s, sp)
        if isinstance(s, dict):
            if s.get("id") in ids:
                c.fail(sp + ".id", "duplicate id %r" % (s.get("id"),))
            ids.add(s.get("id"))


def _check_setting(c, s, path):
    required = ("id", "phase", "strategy", "status", "batch_size", "prompt_tokens", "context_tokens", "kv_cache",
                "tiersim_workload", "tiersim_strategy")
    if not c.fields(s, path, _SETTING, required=required):
        return
    c.text(s, "id", path)
    c.text(s, "phase", path, choices=("prefill", "decode"))
    c.text(s, "strategy", path)
    c.text(s, "status", path, choices=SETTING_STATUSES)
    for k in ("batch_size", "prompt_tokens", "context_tokens"):
        c.number(s, k, path, positive=True, integer=True)
    for k in ("warmup_steps", "timed_steps", "host_to_device_bytes_per_step"):
        c.number(s, k, path, integer=True, optional=True)
    if s.get("status") != "ok" and not s.get("reason"):
        c.fail(path + ".reason", "a %s setting needs a reason" % s.get("status"))
    if c.fields(s.get("kv_cache"), path + ".kv_cache", _KV, required=("placement", "layout", "dtype")):
        c.number(s["kv_cache"], "capacity_tokens", path + ".kv_cache", positive=True, integer=True, optional=True)
        c.number(s["kv_cache"], "bytes", path + ".kv_cache", positive=True, integer=True, optional=True)
    if c.fields(s.get("tiersim_workload"), path + ".tiersim_workload", _WORKLOAD, required=_WORKLOAD):
        for k in ("batch_size", "prompt_tokens"):
            c.number(s["tiersim_workload"], k, path + ".tiersim_workload", positive=True, integer=True)
        c.number(s["tiersim_workload"], "generate_tokens", path + ".tiersim_workload", integer=True)
    if not isinstance(s.get("tiersim_strategy"), dict):
        c.fail(path + ".tiersim_strategy", "expected an object (a tiersim strategy in scenario syntax)")
    timed = "prefill_s" if s.get("phase") == "prefill" else "decode_step_s"
    for k in ("prefill_s", "decode_step_s"):
        if s.get(k) is not None and c.fields(s[k], path + "." + k, _STATS, required=_STATS):
            _check_stats(c, s[k], path + "." + k)
    if s.get("status") == "ok" and s.get(timed) is None:
        c.fail(path + "." + timed, "an ok %s setting needs its timing" % s.get("phase"))
    if s.get("memory") is not None and c.fields(s["memory"], path + ".memory", _MEMORY,
                                                 required=("max_allocated_bytes", "max_reserved_bytes")):
        for k in _MEMORY:
            c.number(s["memory"], k, path + ".memory", integer=True, optional=True)


# ---------------------------------------------------------------------------------------------
# Writing


def to_json_text(doc):
    """Indented, key order as assembled, no NaN or Infinity (not JSON; the Java loader rejects them)."""
    return json.dumps(doc, indent=1, allow_nan=False, ensure_ascii=True) + "\n"


def write_json_atomic(path, doc):
    """Writes to a temporary file in the target folder, flushes it to disk, then renames it over
    the target, so a reader sees the old file or the whole new one, never half of it."""
    text = to_json_text(doc)
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".probe-", suffix=".tmp", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would hide the file from other users
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
