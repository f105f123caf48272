"""A Llama-3.1-8B-shaped decoder in plain PyTorch with random bf16 weights, and the KV caches the
end-to-end runs compare: a preallocated contiguous bf16 cache, the same cache in host memory
fetched layer by layer, a KIVI-style quantised cache with a bf16 residual, and a sink+window
ring. Attention is torch's scaled_dot_product_attention with a fixed backend, so the file can
say which kernel ran. Imports torch: only used on a real (or --cpu-smoke) run.
"""

import contextlib

import torch
import torch.nn.functional as F

import probe_core as core
import probe_kvquant as kvq

BACKENDS = ("flash", "efficient", "cudnn", "math")


@contextlib.contextmanager
def sdpa_backend(name):
    """Only ``name`` may run (torch >= 2.3 API, else the older torch.backends.cuda flags)."""
    try:
        from torch.nn.attention import SDPBackend, sdpa_kernel
    except ImportError:
        flags = {b: b == name for b in ("flash", "efficient", "math")}
        with torch.backends.cuda.sdp_kernel(enable_flash=flags["flash"], enable_mem_efficient=flags["efficient"],
                                            enable_math=flags["math"]):
            yield
        return
    backend = {"flash": SDPBackend.FLASH_ATTENTION, "efficient": SDPBackend.EFFICIENT_ATTENTION,
               "math": SDPBackend.MATH, "cudnn": getattr(SDPBackend, "CUDNN_ATTENTION", None)}[name]
    if backend is None:
        raise RuntimeError("this torch has no %s backend" % name)
    with sdpa_kernel(backend):
        yield


def gqa_supported():
    """Whether F.scaled_dot_product_attention takes enable_gqa (torch >= 2.5)."""
    try:
        q = torch.zeros(1, 2, 1, 8)
        k = torch.zeros(1, 1, 1, 8)
        F.scaled_dot_product_attention(q, k, k, enable_gqa=True)
        return True
    except TypeError:
        return False
    except RuntimeError:
        return False


def pick_backend(calls):
    """The first backend, in BACKENDS order, under which every call in ``calls`` runs; recorded
    in the file so that tiersim knows which kernel was timed."""
    failures = []
    for name in BACKENDS:
        try:
            with sdpa_backend(name):
                for call in calls:
                    call()
            return name
        except (RuntimeError, ValueError, KeyError) as e:
            failures.append("%s: %s" % (name, core.error_text(e)))
    raise RuntimeError("no SDPA backend runs here: " + "; ".join(failures))


def decode_attention(q, k, v):
    """One new token per sequence. q [B, Hkv, G, D]: the G query heads sharing a KV head act as G
    query rows, so grouped-query attention needs no K/V repetition and no mask."""
    return F.scaled_dot_product_attention(q, k, v)


class Rope:
    """Rotary embedding tables (Su et al.), fp32 angles cast to the compute type."""

    def __init__(self, cfg, max_positions, device, dtype):
        half = torch.arange(0, cfg.head_dim, 2, device=device, dtype=torch.float32) / cfg.head_dim
        inv_freq = 1.0 / (cfg.rope_theta ** half)
        angles = torch.outer(torch.arange(max_positions, device=device, dtype=torch.float32), inv_freq)
        emb = torch.cat((angles, angles), dim=-1)
        self.cos = emb.cos().to(dtype)
        self.sin = emb.sin().to(dtype)

    def apply(self, x, start, count):
        """x [..., T, D] at positions start .. start + count - 1 (a slice, so no host-to-device copy)."""
        cos, sin = self.cos[start:start + count], self.sin[start:start + count]
        half = x.shape[-1] // 2
        rotated = torch.cat((-x[..., half:], x[..., :half]), dim=-1)
        return x * cos + rotated * sin


class Weights:
    """Random normal(0, 0.02) weights in the Hugging Face layout (out_features x in_features)."""

    def __init__(self, cfg, device, dtype):
        def rand(*shape):
            return torch.empty(shape, device=device, dtype=dtype).normal_(0.0, 0.02)

        h, hd = cfg.hidden_size, cfg.head_dim
        self.embed = rand(cfg.vocab_size, h)
        self.lm_head = rand(cfg.vocab_size, h)
        self.final_norm = torch.ones(h, device=device, dtype=dtype)
        self.layers = []
        for _ in range(cfg.num_layers):
            self.layers.append({
                "attn_norm": torch.ones(h, device=device, dtype=dtype),
                "q": rand(cfg.num_attention_heads * hd, h), "k": rand(cfg.num_key_value_heads * hd, h),
                "v": rand(cfg.num_key_value_heads * hd, h), "o": rand(h, cfg.num_attention_heads * hd),
                "mlp_norm": torch.ones(h, device=device, dtype=dtype),
                "gate": rand(cfg.intermediate_size, h), "up": rand(cfg.intermediate_size, h),
                "down": rand(h, cfg.intermediate_size),
            })

    def nbytes(self):
        tensors = [self.embed, self.lm_head, self.final_norm] + [t for layer in self.layers for t in layer.values()]
        return sum(t.numel() * t.element_size() for t in tensors)


def rms_norm(x, weight, eps):
    """Hugging Face's LlamaRMSNorm: fp32 variance, then back to the input type."""
    xf = x.float()
    xf = xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + eps)
    return weight * xf.to(x.dtype)


class LlamaModel:
    def __init__(self, cfg, device, dtype=torch.bfloat16, max_positions=40000):
        self.cfg = cfg
        self.device = device
        self.dtype = dtype
        self.w = Weights(cfg, device, dtype)
        self.rope = Rope(cfg, max_positions, device, dtype)
        self.groups = cfg.num_attention_heads // cfg.num_key_value_heads
        self.enable_gqa = gqa_supported()

    def _mlp(self, x, layer):
        h = rms_norm(x, layer["mlp_norm"], self.cfg.rms_norm_eps)
        return x + F.linear(F.silu(F.linear(h, layer["gate"])) * F.linear(h, layer["up"]), layer["down"])

    def decode_step(self, tokens, position, cache):
        """One token per sequence at ``position``; returns the greedy next tokens [B]."""
        cfg = self.cfg
        b = tokens.shape[0]
        kvh, g, hd = cfg.num_key_value_heads, self.groups, cfg.head_dim
        x = self.w.embed[tokens].unsqueeze(1)  # [B, 1, h]
        for i, layer in enumerate(self.w.layers):
            h = rms_norm(x, layer["attn_norm"], cfg.rms_norm_eps)
            q = self.rope.apply(F.linear(h, layer["q"]).view(b, kvh, g, hd), position, 1)
            k = self.rope.apply(F.linear(h, layer["k"]).view(b, kvh, 1, hd), position, 1)
            v = F.linear(h, layer["v"]).view(b, kvh, 1, hd)
            o = cache.attend(i, q, k, v, position)  # [B, Hkv, G, D]
            x = x + F.linear(o.reshape(b, 1, kvh * g * hd), layer["o"])
            x = self._mlp(x, layer)
        logits = F.linear(rms_norm(x[:, -1], self.w.final_norm, cfg.rms_norm_eps), self.w.lm_head)
        return logits.argmax(dim=-1)

    def prefill(self, tokens, cache):
        """The whole prompt [B, P] in one pass, writing the cache; logits for the last position only."""
        cfg = self.cfg
        b, p = tokens.shape
        h_, kvh, hd = cfg.num_attention_heads, cfg.num_key_value_heads, cfg.head_dim
        x = self.w.embed[tokens]
        for i, layer in enumerate(self.w.layers):
            h = rms_norm(x, layer["attn_norm"], cfg.rms_norm_eps)
            q = self.rope.apply(F.linear(h, layer["q"]).view(b, p, h_, hd).transpose(1, 2), 0, p)
            k = self.rope.apply(F.linear(h, layer["k"]).view(b, p, kvh, hd).transpose(1, 2), 0, p)
            v = F.linear(h, layer["v"]).view(b, p, kvh, hd).transpose(1, 2)
            cache.write_prompt(i, k, v)
            if self.enable_gqa:
                o = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
            else:
                o = F.scaled_dot_product_attention(q, k.repeat_interleave(self.groups, dim=1),
                                                   v.repeat_interleave(self.groups, dim=1), is_causal=True)
            x = x + F.linear(o.transpose(1, 2).reshape(b, p, h_ * hd), layer["o"])
            del q, k, v, o, h
            x = self._mlp(x, layer)
        logits = F.linear(rms_norm(x[:, -1], self.w.final_norm, cfg.rms_norm_eps), self.w.lm_head)
        return logits.argmax(dim=-1)


# ---------------------------------------------------------------------------------------------
# Caches: attend(layer, q, k_new, v_new, position) stores the new token and attends over all.


def _nbytes(*tensors):
    return sum(t.numel() * t.element_size() for t in tensors)


class ContiguousCache:
    """A preallocated [layers, B, Hkv, capacity, D] bf16 cache per K and V, as HF's StaticCache."""

    def __init__(self, cfg, batch, capacity, device, dtype):
        shape = (cfg.num_layers, batch, cfg.num_key_value_heads, capacity, cfg.head_dim)
        self.k = torch.empty(shape, device=device, dtype=dtype)
        self.v = torch.empty(shape, device=device, dtype=dtype)

    def fill_random(self, tokens):
        self.k[:, :, :, :tokens].normal_()
        self.v[:, :, :, :tokens].normal_()

    def write_prompt(self, layer, k, v):
        self.k[layer, :, :, :k.shape[2]] = k
        self.v[layer, :, :, :v.shape[2]] = v

    def attend(self, layer, q, k, v, position):
        self.k[layer, :, :, position] = k[:, :, 0]
        self.v[layer, :, :, position] = v[:, :, 0]
        return decode_attention(q, self.k[layer, :, :, :position + 1], self.v[layer, :, :, :position + 1])

    def nbytes(self):
        return _nbytes(self.k, self.v)


class HostCache:
    """The contiguous cache in page-locked host memory; each layer's whole K and V block is copied
    to a one-layer GPU buffer before its attention (no overlap with compute), and the new token's
    K and V are written back. Copying the whole block (capacity, not just the filled part) keeps
    each copy one contiguous DMA; the capacity exceeds the context only by the steps."""

    def __init__(self, cfg, batch, capacity, device, dtype, pin):
        shape = (cfg.num_layers, batch, cfg.num_key_value_heads, capacity, cfg.head_dim)
        self.k = torch.empty(shape, dtype=dtype, pin_memory=pin)
        self.v = torch.empty(shape, dtype=dtype, pin_memory=pin)
        self.gk = torch.empty(shape[1:], device=device, dtype=dtype)
        self.gv = torch.empty(shape[1:], device=device, dtype=dtype)
        self.non_blocking = pin

    def fill_random(self, tokens):
        self.k[:, :, :, :tokens].normal_()
        self.v[:, :, :, :tokens].normal_()

    def write_prompt(self, layer, k, v):
        raise NotImplementedError("the host cache is measured at decode only")

    def attend(self, layer, q, k, v, position):
        self.gk.copy_(self.k[layer], non_blocking=self.non_blocking)
        self.gv.copy_(self.v[layer], non_blocking=self.non_blocking)
        self.gk[:, :, position] = k[:, :, 0]
        self.gv[:, :, position] = v[:, :, 0]
        self.k[layer, :, :, position].copy_(k[:, :, 0], non_blocking=self.non_blocking)
        self.v[layer, :, :, position].copy_(v[:, :, 0], non_blocking=self.non_blocking)
        return decode_attention(q, self.gk[:, :, :position + 1], self.gv[:, :, :position + 1])

    def nbytes(self):
        return _nbytes(self.k, self.v)

    def gpu_nbytes(self):
        return _nbytes(self.gk, self.gv)

    def transfer_bytes_per_step(self):
        return _nbytes(self.k, self.v)


class QuantizedCache:
    """KIVI: the first ``quantized`` tokens of each layer in group-wise low-bit form, the newest in
    a bf16 residual. Each step dequantises the layer's K and V into one shared bf16 buffer, copies
    the residual behind them, and attends over the buffer (dequantise-then-attend)."""

    def __init__(self, cfg, layout, batch, context, capacity, device, dtype):
        self.quantized, residual = core.kivi_split(context, layout.residual_tokens)
        kvh, hd = cfg.num_key_value_heads, cfg.head_dim
        self.keys, self.values = [], []
        for _ in range(cfg.num_layers):
            if self.quantized:
                self.keys.append(kvq.QuantizedTensor(batch, kvh, self.quantized, hd, layout.key_bits,
                                                     layout.group_size, layout.key_axis, device))
                self.values.append(kvq.QuantizedTensor(batch, kvh, self.quantized, hd, layout.value_bits,
                                                       layout.group_size, layout.value_axis, device))
        self.residual_capacity = capacity - self.quantized
        shape = (cfg.num_layers, batch, kvh, self.residual_capacity, hd)
        self.rk = torch.empty(shape, device=device, dtype=dtype)
        self.rv = torch.empty(shape, device=device, dtype=dtype)
        self.wk = torch.empty((batch, kvh, capacity, hd), device=device, dtype=dtype)
        self.wv = torch.empty((batch, kvh, capacity, hd), device=device, dtype=dtype)

    def fill_random(self, tokens):
        self.rk.normal_()
        self.rv.normal_()

    def write_prompt(self, layer, k, v):
        raise NotImplementedError("the quantised cache is measured at decode only")

    def attend(self, layer, q, k, v, position):
        r = position - self.quantized
        self.rk[layer, :, :, r] = k[:, :, 0]
        self.rv[layer, :, :, r] = v[:, :, 0]
        n = position + 1
        if self.quantized:
            self.keys[layer].dequantize_into(self.wk[:, :, :self.quantized])
            self.values[layer].dequantize_into(self.wv[:, :, :self.quantized])
        self.wk[:, :, self.quantized:n] = self.rk[layer, :, :, :r + 1]
        self.wv[:, :, self.quantized:n] = self.rv[layer, :, :, :r + 1]
        return decode_attention(q, self.wk[:, :, :n], self.wv[:, :, :n])

    def nbytes(self):
        return sum(t.nbytes() for t in self.keys + self.values) + _nbytes(self.rk, self.rv)

    def gpu_nbytes(self):
        return self.nbytes() + _nbytes(self.wk, self.wv)


class RingCache:
    """StreamingLLM (Xiao et al., ICLR 2024): ``sink`` first tokens kept, then a ring of the newest
    ``window``; once full, attention always spans sink + window tokens."""

    def __init__(self, cfg, layout, batch, device, dtype):
        self.sink, self.window = layout.sink_tokens, layout.window_tokens
        shape = (cfg.num_layers, batch, cfg.num_key_value_heads, self.sink + self.window, cfg.head_dim)
        self.k = torch.empty(shape, device=device, dtype=dtype)
        self.v = torch.empty(shape, device=device, dtype=dtype)

    def fill_random(self, tokens):
        self.k.normal_()
        self.v.normal_()

    def write_prompt(self, layer, k, v):
        raise NotImplementedError("the sink+window cache is measured at decode only")

    def slot(self, position):
        return position if position < self.sink else self.sink + (position - self.sink) % self.window

    def attend(self, layer, q, k, v, position):
        s = self.slot(position)
        self.k[layer, :, :, s] = k[:, :, 0]
        self.v[layer, :, :, s] = v[:, :, 0]
        n = min(position + 1, self.sink + self.window)
        return decode_attention(q, self.k[layer, :, :, :n], self.v[layer, :, :, :n])

    def nbytes(self):
        return _nbytes(self.k, self.v)


def make_cache(cfg, layout, batch, context, capacity, device, dtype, pin):
    if layout.placement == "cpu_pinned":
        return HostCache(cfg, batch, capacity, device, dtype, pin)
    if layout.layout == "quantized_with_residual":
        return QuantizedCache(cfg, layout, batch, context, capacity, device, dtype)
    if layout.layout == "ring":
        return RingCache(cfg, layout, batch, device, dtype)
    return ContiguousCache(cfg, batch, capacity, device, dtype)
