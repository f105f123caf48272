"""Checks of the torch code on the CPU, skipped where torch is not installed (CI has none; a
developer with a CPU build of torch runs them). They catch what a GPU run would only show as
wrong numbers: packing, quantisation error, RoPE positions, the grouped-query head mapping and
every cache against the plain one."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

try:
    import torch
except ImportError:  # pragma: no cover - depends on the machine
    torch = None

import probe_core as core  # noqa: E402

# The model and the smoke run use F.scaled_dot_product_attention (torch 2.0 and later); older CPU
# builds (Debian's python3-torch 1.13) still run the kernels that do not.
HAS_SDPA = torch is not None and hasattr(torch.nn.functional, "scaled_dot_product_attention")


def read_json(path):
    with open(path) as f:
        return json.load(f)


@unittest.skipIf(torch is None, "torch is not installed")
class KvQuantTest(unittest.TestCase):
    def setUp(self):
        import probe_kvquant
        self.q = probe_kvquant
        torch.manual_seed(0)

    def test_packThenUnpack_isTheIdentity(self):
        for bits in (2, 4):
            codes = torch.randint(0, 1 << bits, (3, 5, 64), dtype=torch.uint8)
            packed = self.q.pack(codes, bits)
            self.assertEqual(packed.shape[-1], 64 * bits // 8)
            self.assertTrue(torch.equal(self.q.unpack(packed, bits), codes))

    def test_quantizeDequantize_errsAtMostHalfAStepPerGroup(self):
        x = torch.randn(2, 2, 64, 64)
        for bits in (2, 4):
            for axis in ("channel", "token"):
                packed, scale, zero = self.q.quantize(x, bits, 32, axis)
                out = torch.empty(x.shape, dtype=torch.bfloat16)
                self.q.dequantize_into(out, packed, scale, zero, bits, 32, axis)
                step = scale.float().amax().item()
                err = (out.float() - x).abs().amax().item()
                # half a quantisation step, plus bf16 rounding of scale, zero and the result
                self.assertLess(err, 0.5 * step + 0.05 * x.abs().amax().item(), (bits, axis))


@unittest.skipIf(torch is None, "torch is not installed")
class EagerKernelsTest(unittest.TestCase):
    """The FlexGen-style kernels the probe times compute what FlexGen computes."""

    def setUp(self):
        import probe_torch
        self.t = probe_torch
        torch.manual_seed(0)

    def test_flexgenDecodeAttention_matchesAttentionOnContiguousHeads(self):
        b, heads, ctx, hd = 3, 4, 50, 16
        k = torch.randn(ctx, b * heads, hd)
        v = torch.randn(ctx, b * heads, hd)
        q = torch.randn(b * heads, 1, hd)
        mask = torch.ones(b, 1, 1, ctx, dtype=torch.bool)
        mask[1, ..., :7] = False  # left padding of the second sequence
        out = self.t.flexgen_decode_attention(q, k, v, mask)
        for row in range(b * heads):
            keep = mask[row // heads, 0, 0]
            scores = (k[keep, row] @ q[row, 0]).softmax(0)
            expected = scores @ v[keep, row]
            self.assertTrue(torch.allclose(out[row, 0], expected, atol=1e-5), row)

    def test_eagerDecompression_invertsFlexGensGroupwiseQuantisation(self):
        for dim, shape in ((1, (3, 64, 10)), (3, (5, 6, 2, 64))):
            x = torch.randn(shape)
            mn = x.amin(dim=dim, keepdim=True)
            scale = 15 / (x.amax(dim=dim, keepdim=True) - mn)
            codes = ((x - mn) * scale).round().clamp(0, 15).to(torch.uint8)
            even = [slice(None)] * x.dim()
            odd = list(even)
            even[dim] = slice(0, None, 2)
            odd[dim] = slice(1, None, 2)
            packed = codes[tuple(even)] << 4 | codes[tuple(odd)]
            scales = torch.cat([scale, mn], dim=dim)
            out = self.t.TorchExecutor._decompress_4bit(packed, scales, torch.empty(shape), dim)
            # at most half a quantisation step per group
            self.assertLessEqual(((out - x).abs() * scale).amax().item(), 0.5 + 1e-4, dim)


@unittest.skipIf(not HAS_SDPA, "torch 2 (scaled_dot_product_attention) is not installed")
class LlamaTest(unittest.TestCase):
    cfg = core.TINY_LLAMA

    def setUp(self):
        import probe_llama
        self.m = probe_llama
        torch.manual_seed(0)
        self.model = probe_llama.LlamaModel(self.cfg, torch.device("cpu"), dtype=torch.float32, max_positions=512)

    def decode_all(self, cache, tokens):
        out = None
        for pos in range(tokens.shape[1]):
            out = self.model.decode_step(tokens[:, pos], pos, cache)
        return out

    def test_prefill_agreesWithTokenByTokenDecode(self):
        tokens = torch.randint(0, self.cfg.vocab_size, (2, 40))
        a = self.m.ContiguousCache(self.cfg, 2, 48, torch.device("cpu"), torch.float32)
        b = self.m.ContiguousCache(self.cfg, 2, 48, torch.device("cpu"), torch.float32)
        self.assertTrue(torch.equal(self.model.prefill(tokens, a), self.decode_all(b, tokens)))
        self.assertTrue(torch.allclose(a.k[:, :, :, :40], b.k[:, :, :, :40], atol=1e-4))

    def test_hostRingAndQuantizedResidualCaches_matchTheContiguousOne_whileTheyHoldEverything(self):
        tokens = torch.randint(0, self.cfg.vocab_size, (2, 30))
        cpu = torch.device("cpu")
        ref = self.decode_all(self.m.ContiguousCache(self.cfg, 2, 32, cpu, torch.float32), tokens)
        host = self.m.HostCache(self.cfg, 2, 32, cpu, torch.float32, pin=False)
        ring = self.m.RingCache(self.cfg, core.SINK_WINDOW, 2, cpu, torch.float32)
        # context 0 leaves nothing quantised: the residual holds every token
        kivi = self.m.QuantizedCache(self.cfg, core.KIVI_2, 2, 0, 32, cpu, torch.float32)
        for cache in (host, ring, kivi):
            self.assertTrue(torch.equal(self.decode_all(cache, tokens), ref), type(cache).__name__)

    def test_ring_keepsTheSinks_andOverwritesTheOldestWindowSlot(self):
        lay = core.KvLayout("t", layout="ring", sink_tokens=2, window_tokens=3)
        ring = self.m.RingCache(self.cfg, lay, 1, torch.device("cpu"), torch.float32)
        self.assertEqual([ring.slot(p) for p in range(8)], [0, 1, 2, 3, 4, 2, 3, 4])


@unittest.skipIf(not HAS_SDPA, "torch 2 (scaled_dot_product_attention) is not installed")
class CpuSmokeRunTest(unittest.TestCase):
    def test_cpuSmoke_runsEveryTorchPath_andWritesAValidFile(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "smoke.json")
            r = subprocess.run([sys.executable, os.path.join(HERE, "probe.py"), "--cpu-smoke", "--budget-s", "300",
                                "--disk-dir", d, "--out", out], capture_output=True, text=True, timeout=600)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            doc = read_json(out)
            self.assertEqual(core.validate_document(doc), [])
            self.assertEqual([s["id"] for s in doc["microbenchmarks"] if s["status"] not in ("ok", "skipped")], [])
            self.assertEqual([s["id"] for s in doc["end_to_end"]["settings"] if s["status"] != "ok"], [])


if __name__ == "__main__":
    unittest.main()
