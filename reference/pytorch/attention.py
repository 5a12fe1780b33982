"""PyTorch twins of the course's core functions (src/attention/*.ts).

Written the way a candidate writes them in an interview: explicit view / transpose,
torch.softmax, boolean masks, no nn.MultiheadAttention. Each function names its
TypeScript twin, and the names are the same in snake_case, so the two can be read side
by side. The conventions are the course's (DESIGN §4):

- rows are tokens and the projections are applied on the right: Q = X @ W_Q + b_Q;
- head i takes columns [i*d_k, (i+1)*d_k) of Q, K and V;
- head_mask[i] (xi_h of Michel et al. 2019) multiplies head i's output before the heads
  are concatenated, then the concatenation goes through @ W_O + b_O;
- a mask is boolean, True where a query may attend to a key.

One difference from the TypeScript: these functions take a batch axis first, as PyTorch
code does: x is (B, n, d_model). The TypeScript works on one sequence, (n, d_model).

`npm run fixtures` (scripts/fixtures.ts, then reference/pytorch/fixtures.py) checks these
functions against torch.nn.MultiheadAttention and writes reference cases in the format of
tests/fixtures/mha-torch.json.
"""
import math
from typing import Dict, Optional, Tuple

import torch
from torch import Tensor


def causal_mask(n: int, m: Optional[int] = None) -> Tensor:
    """(n, m) boolean mask, True where query i may see key j, that is j <= i.

    TS twin: causalMask, which is additive (0 where allowed, -inf where not).
    """
    m = n if m is None else m
    return torch.ones(n, m, dtype=torch.bool).tril()  # keep the diagonal and below


def padding_mask(lengths: Tensor, n: int) -> Tensor:
    """(B, 1, 1, n) boolean mask for a padded batch: True where key j is a real token
    of sequence b (j < lengths[b]), False on the padding after it.

    The two singleton axes broadcast over the heads and over the queries: a padded key is
    hidden from every query of every head.
    """
    keep = torch.arange(n) < lengths[:, None]  # (B, 1) vs (n,) -> (B, n)
    return keep[:, None, None, :]  # (B, 1, 1, n)


def scaled_dot_product_attention(
    q: Tensor, k: Tensor, v: Tensor, mask: Optional[Tensor] = None, scaled: bool = True
) -> Tuple[Tensor, Tensor]:
    """softmax(Q @ K^T / sqrt(d_k)) @ V (Vaswani et al. 2017, Eq. 1).

    TS twin: scaledDotProductAttention.

    q: (..., n, d_k) queries; k: (..., m, d_k) keys; v: (..., m, d_v) values.
    mask: boolean, broadcastable to (..., n, m), True where a query may attend to a key.
    Returns (output (..., n, d_v), weights (..., n, m)).
    """
    d_k = q.size(-1)
    if k.size(-1) != d_k:
        raise ValueError(f"queries have d_k = {d_k} but keys have {k.size(-1)} columns")
    if k.size(-2) != v.size(-2):
        raise ValueError(f"{k.size(-2)} keys but {v.size(-2)} values: they must match")
    scores = q @ k.transpose(-2, -1)  # (..., n, d_k) @ (..., d_k, m) -> (..., n, m)
    if scaled:
        scores = scores / math.sqrt(d_k)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))  # hidden key: weight exp(-inf) = 0
    weights = torch.softmax(scores, dim=-1)  # each row sums to 1
    if mask is not None:
        # A row with every key hidden is softmax(-inf, ..., -inf) = NaN in PyTorch;
        # the course's softmax gives zeros there, and so does this line.
        weights = weights.masked_fill(~mask.any(dim=-1, keepdim=True), 0.0)
    output = weights @ v  # (..., n, m) @ (..., m, d_v) -> (..., n, d_v)
    return output, weights


def head_dim(width: int, h: int) -> int:
    """d_k = width / h, the width of one head.

    TS twin: headDim. Under the course's convention the width is d_model, so
    d_k = d_model / h. That is a convention, not a law: W_Q only needs h*d_k columns.
    """
    if h < 1:
        raise ValueError(f"h must be a positive whole number, got {h}")
    if width % h != 0:
        raise ValueError(
            f"the width {width} must be divisible by h ({h}): each head takes width / h columns "
            "(the course's convention d_k = d_model / h; real models may choose d_k on its own)"
        )
    return width // h


def split_heads(x: Tensor, h: int) -> Tensor:
    """(B, n, h*d_k) -> (B, h, n, d_k): head i gets columns [i*d_k, (i+1)*d_k).

    TS twin: splitHeads (which returns h separate (n, d_k) matrices).
    Nothing is copied here: view and transpose only change the strides over the
    same memory. The result is not contiguous.
    """
    b, n, width = x.shape
    d_k = head_dim(width, h)
    return x.view(b, n, h, d_k).transpose(1, 2)  # (B, n, h, d_k) -> (B, h, n, d_k): views


def merge_heads(heads: Tensor) -> Tensor:
    """(B, h, n, d_k) -> (B, n, h*d_k): the heads side by side, in head order.

    TS twin: mergeHeads.
    This is where the copy happens. The heads come from weights @ v, laid out in
    (B, h, n, d_k) order; after the transpose the memory is still in that order, so
    view cannot fuse the last two axes. .contiguous() copies the values into
    (B, n, h, d_k) order first (it copies nothing if they already are, as right after
    split_heads). reshape(b, n, h * d_k) would do the same without saying so.
    """
    b, h, n, d_k = heads.shape
    # transpose: a view, (B, n, h, d_k); .contiguous(): the copy; view: fuse h and d_k
    return heads.transpose(1, 2).contiguous().view(b, n, h * d_k)


def multi_head_attention(
    x: Tensor,
    weights: Dict[str, Tensor],
    h: int,
    causal: bool = False,
    lengths: Optional[Tensor] = None,
    head_mask: Optional[Tensor] = None,
) -> Tuple[Tensor, Tensor]:
    """Multi-head self-attention (Vaswani et al. 2017, section 3.2.2), row convention.

    TS twin: multiHeadAttention.

    x: (B, n, d_model), one token per row.
    weights: wq, wk (d_model, h*d_k), wv (d_model, h*d_v), wo (h*d_v, d_model), and
      optional biases bq, bk, bv, bo; the keys are the TS MhaWeights names.
    causal: query i sees keys j <= i. lengths: (B,) real lengths of a padded batch.
    head_mask: (h,) xi of Michel et al. (2019), multiplies head i's output.
    Returns (output (B, n, d_model), weights (B, h, n, n)).
    """
    b, n, d_model = x.shape
    q = x @ weights["wq"]  # (B, n, d_model) @ (d_model, h*d_k) -> (B, n, h*d_k)
    k = x @ weights["wk"]  # (B, n, d_model) @ (d_model, h*d_k) -> (B, n, h*d_k)
    v = x @ weights["wv"]  # (B, n, d_model) @ (d_model, h*d_v) -> (B, n, h*d_v)
    if "bq" in weights:
        q, k, v = q + weights["bq"], k + weights["bk"], v + weights["bv"]
    q, k, v = split_heads(q, h), split_heads(k, h), split_heads(v, h)  # (B, h, n, d_k) each

    mask = torch.ones(1, 1, n, n, dtype=torch.bool)  # (1, 1, n, n): every key visible
    if causal:
        mask = mask & causal_mask(n)  # broadcasts to (1, 1, n, n)
    if lengths is not None:
        mask = mask & padding_mask(lengths, n)  # (B, 1, 1, n) -> (B, 1, n, n)
    out, attn = scaled_dot_product_attention(q, k, v, mask)  # (B, h, n, d_v), (B, h, n, n)

    if head_mask is not None:
        if head_mask.shape != (h,):
            raise ValueError(f"head_mask has {head_mask.numel()} entries but there are {h} heads")
        out = out * head_mask.view(1, h, 1, 1)  # (B, h, n, d_v) * (1, h, 1, 1): xi_i, head i
    concat = merge_heads(out)  # (B, h, n, d_v) -> (B, n, h*d_v)
    output = concat @ weights["wo"]  # (B, n, h*d_v) @ (h*d_v, d_model) -> (B, n, d_model)
    if "bo" in weights:
        output = output + weights["bo"]
    return output, attn


def merge_concat(heads: Tensor, wo: Tensor, bo: Optional[Tensor] = None) -> Tensor:
    """Concatenate the heads, then W_O: (B, h, n, d_v) -> (B, n, d_model).

    TS twin: mergeConcat. The transformer's merge, the last two lines of
    multi_head_attention.
    """
    out = merge_heads(heads) @ wo  # (B, n, h*d_v) @ (h*d_v, d_model) -> (B, n, d_model)
    return out if bo is None else out + bo


def parameter_count(
    d_model: int,
    h: int,
    d_k: Optional[int] = None,
    d_v: Optional[int] = None,
    bias: bool = True,
) -> int:
    """Parameters of one multi-head attention layer: 2*d_model*h*(d_k + d_v) (+ biases).

    TS twin: parameterCount. W_Q and W_K are d_model x h*d_k, W_V is d_model x h*d_v,
    W_O is h*d_v x d_model (Vaswani et al. 2017, section 3.2.2). With the convention
    d_k = d_v = d_model / h (the default here) this is 4*d_model**2, whatever h is.
    """
    d_k = head_dim(d_model, h) if d_k is None else d_k
    d_v = d_k if d_v is None else d_v
    matrices = 2 * d_model * h * (d_k + d_v)  # W_Q, W_K, W_V, W_O
    biases = (2 * h * d_k + h * d_v + d_model) if bias else 0  # b_Q, b_K, b_V, b_O
    return matrices + biases


def count_parameters(weights: Dict[str, Tensor]) -> int:
    """The numbers actually stored in a set of weights. TS twin: countParameters."""
    return sum(t.numel() for t in weights.values())
