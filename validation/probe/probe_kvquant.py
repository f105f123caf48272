"""Group-wise asymmetric KV quantisation as KIVI does it (Liu et al., ICML 2024, arXiv:2402.02750):
keys grouped per channel over ``group`` consecutive tokens, values per token over ``group``
consecutive channels, each group with a bf16 scale and zero (its minimum), codes packed into bytes.

This is the torch reference: a handful of elementwise kernels per tensor, no fused kernel. Codes
are packed along the channel axis for both tensors, so that neither needs a transpose; the
grouping axis is only which elements share a scale. Imports torch: only used on a real run.
"""

import torch


def _shifts(bits, device):
    return torch.arange(0, 8, bits, dtype=torch.uint8, device=device)


def pack(codes, bits):
    """uint8 codes in [0, 2^bits) of shape [..., d] -> bytes of shape [..., d * bits / 8]; element j
    of byte i is channel i * (8 / bits) + j, in the low bits first."""
    per = 8 // bits
    *lead, d = codes.shape
    grouped = codes.reshape(*lead, d // per, per).to(torch.uint8)
    shifted = grouped << _shifts(bits, codes.device)
    out = shifted[..., 0].clone()
    for j in range(1, per):
        out |= shifted[..., j]
    return out


def unpack(packed, bits):
    """The inverse of pack: [..., d * bits / 8] bytes -> [..., d] uint8 codes."""
    per = 8 // bits
    mask = (1 << bits) - 1
    codes = (packed.unsqueeze(-1) >> _shifts(bits, packed.device)) & mask
    return codes.reshape(*packed.shape[:-1], packed.shape[-1] * per)


def _grouped(x, axis, group):
    """A view with the group as its own axis: [B, H, T/g, g, D] for 'channel' (a channel over g
    tokens), [B, H, T, D/g, g] for 'token' (g channels of one token)."""
    b, h, t, d = x.shape
    if axis == "channel":
        return x.reshape(b, h, t // group, group, d), 3
    return x.reshape(b, h, t, d // group, group), 4


def quantize(x, bits, group, axis):
    """x [B, H, T, D] -> (packed codes, scale, zero); scale and zero are [B, H, T/g, D] for
    'channel' and [B, H, T, D/g] for 'token'."""
    levels = (1 << bits) - 1
    g, dim = _grouped(x.float(), axis, group)
    lo = g.amin(dim=dim, keepdim=True)
    hi = g.amax(dim=dim, keepdim=True)
    scale = ((hi - lo) / levels).clamp_min(1e-8)
    codes = ((g - lo) / scale).round_().clamp_(0, levels).to(torch.uint8).reshape(x.shape)
    return pack(codes, bits), scale.squeeze(dim).to(torch.bfloat16), lo.squeeze(dim).to(torch.bfloat16)


def dequantize_into(out, packed, scale, zero, bits, group, axis):
    """Writes code * scale + zero as bf16 into ``out`` [B, H, T, D] (a view of a larger buffer is fine)."""
    codes = unpack(packed, bits)
    g, dim = _grouped(codes, axis, group)
    values = torch.addcmul(zero.unsqueeze(dim), g.to(torch.bfloat16), scale.unsqueeze(dim))
    out.copy_(values.reshape(out.shape))
    return out


class QuantizedTensor:
    """One layer's keys or values in KIVI's format, with random contents of the right sizes."""

    def __init__(self, batch, heads, tokens, dim, bits, group, axis, device, generator=None):
        if tokens % group or dim % group or (dim * bits) % 8:
            raise ValueError("tokens and dim must be multiples of the group, dim * bits of 8")
        self.bits, self.group, self.axis = bits, group, axis
        self.packed = torch.randint(0, 256, (batch, heads, tokens, dim * bits // 8), dtype=torch.uint8,
                                    device=device, generator=generator)
        groups = (batch, heads, tokens // group, dim) if axis == "channel" else (batch, heads, tokens, dim // group)
        self.scale = torch.rand(groups, device=device, generator=generator).to(torch.bfloat16) * 0.1
        self.zero = torch.rand(groups, device=device, generator=generator).to(torch.bfloat16) - 0.5

    def nbytes(self):
        return sum(t.numel() * t.element_size() for t in (self.packed, self.scale, self.zero))

    def dequantize_into(self, out):
        return dequantize_into(out, self.packed, self.scale, self.zero, self.bits, self.group, self.axis)
