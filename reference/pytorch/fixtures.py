"""Write the course's PyTorch reference cases (the format of tests/fixtures/mha-torch.json).

Run it through npm, which finds a Python that has torch:

    npm run fixtures -- --seed 0 --out /tmp/mha-torch.json
    npm run fixtures -- --check tests/fixtures/mha-torch.json

Every case is computed twice, in float64: by the twin in attention.py and by
torch.nn.MultiheadAttention, forward and backward (autograd of L = sum(output * upstream)).
If the two disagree anywhere by more than 1e-10, the script stops with an error naming the
case and the quantity, and writes nothing. The file holds nn.MultiheadAttention's numbers.

--check FILE recomputes the cases of an existing file from its inputs, both ways, and
compares them with what the file says (to 1e-10 as well).
"""
import argparse
import json
import os
import sys
from typing import Dict, List, Optional

import torch
from torch import Tensor
from torch.nn.utils.stateless import functional_call

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from attention import causal_mask, multi_head_attention, parameter_count  # noqa: E402

TOLERANCE = 1e-10
DTYPE = torch.float64

# The cases of tests/fixtures/mha-torch.json: name, n, d_model, h, causal, biases, head mask,
# and the scale of x ("large logits" multiplies x by 50 so that the softmax saturates).
CASES = [
    dict(name="single head", n=4, d_model=6, h=1),
    dict(name="two heads, no bias", n=5, d_model=8, h=2, bias=False),
    dict(name="four heads", n=7, d_model=16, h=4),
    dict(name="causal, four heads", n=6, d_model=12, h=4, causal=True),
    dict(name="one dimension per head", n=3, d_model=5, h=5),
    dict(name="head 2 of 4 ablated", n=6, d_model=16, h=4, head_mask=[1, 1, 0, 1]),
    dict(name="all heads ablated", n=4, d_model=8, h=2, head_mask=[0, 0]),
    dict(name="large logits", n=5, d_model=8, h=2, x_scale=50.0),
    dict(name="eight heads, longer sequence", n=24, d_model=64, h=8),
]

CONVENTION = [
    "Convention (row vectors, as in the course): Q = X\u00b7Wq + bq, K = X\u00b7Wk + bk, V = X\u00b7Wv + bv,",
    "head i uses columns [i\u00b7dk, (i+1)\u00b7dk), heads are concatenated in order, output = concat\u00b7Wo + bo.",
    "headMask[i] multiplies head i's output before concatenation (Michel et al. 2019, xi_h).",
    "Gradients are of L = sum(output * upstream), through every input and through the head mask.",
]

MATRICES = ["wq", "wk", "wv", "wo"]
BIASES = ["bq", "bk", "bv", "bo"]


class Disagreement(Exception):
    pass


def draw_case(spec: dict, g: torch.Generator) -> dict:
    """Inputs of one case: x ~ N(0, 1) (times x_scale), W ~ N(0, 1/d_model), b ~ N(0, 0.1^2),
    upstream ~ N(0, 1). These are the spreads of the committed fixture's inputs."""
    n, d = spec["n"], spec["d_model"]
    randn = lambda *shape: torch.randn(*shape, generator=g, dtype=DTYPE)  # noqa: E731
    case = {"name": spec["name"], "n": n, "dModel": d, "h": spec["h"], "causal": spec.get("causal", False)}
    case["x"] = randn(n, d) * spec.get("x_scale", 1.0)
    for name in MATRICES:
        case[name] = randn(d, d) / d**0.5
    if spec.get("bias", True):
        for name in BIASES:
            case[name] = randn(d) * 0.1
    if "head_mask" in spec:
        case["headMask"] = torch.tensor(spec["head_mask"], dtype=DTYPE)
    case["upstream"] = randn(n, d)
    return case


def leaves(case: dict) -> Dict[str, Tensor]:
    """The tensors the gradients are taken with respect to (fresh leaves, requires_grad)."""
    names = ["x"] + MATRICES + [b for b in BIASES if b in case]
    out = {k: torch.as_tensor(case[k], dtype=DTYPE).clone().requires_grad_(True) for k in names}
    mask = case.get("headMask")
    out["headMask"] = (torch.ones(case["h"], dtype=DTYPE) if mask is None else torch.as_tensor(mask, dtype=DTYPE)).clone().requires_grad_(True)
    return out


def run_twin(case: dict) -> dict:
    """Forward and backward through attention.multi_head_attention."""
    p = leaves(case)
    weights = {k: p[k] for k in MATRICES + BIASES if k in p}
    output, attn = multi_head_attention(p["x"][None], weights, case["h"], causal=case["causal"], head_mask=p["headMask"])
    return finish(case, p, output[0], attn[0])


def run_torch_mha(case: dict) -> dict:
    """Forward and backward through torch.nn.MultiheadAttention, with the course's weights.

    nn.MultiheadAttention applies its projections as x @ W.T, with Q, K and V stacked in
    in_proj_weight (3*d_model, d_model); so in_proj_weight = [Wq.T; Wk.T; Wv.T] and
    out_proj.weight = Wo.T. It has no head mask: since concat * xi (column block i scaled by
    xi_i) @ Wo equals concat @ (diag(xi) Wo), the head mask goes into out_proj.weight
    as (diag(xi) Wo).T. functional_call lets autograd reach our leaves through the module.
    """
    p = leaves(case)
    d, h = case["dModel"], case["h"]
    has_bias = "bq" in p
    mha = torch.nn.MultiheadAttention(d, h, bias=has_bias, batch_first=True, dtype=DTYPE)
    xi_columns = p["headMask"].repeat_interleave(d // h)  # (d_model,): xi_i on head i's rows of Wo
    params = {
        "in_proj_weight": torch.cat([p["wq"].T, p["wk"].T, p["wv"].T]),  # (3*d_model, d_model)
        "out_proj.weight": (xi_columns[:, None] * p["wo"]).T,
    }
    if has_bias:
        params["in_proj_bias"] = torch.cat([p["bq"], p["bk"], p["bv"]])
        params["out_proj.bias"] = p["bo"]
    n = case["n"]
    attn_mask = ~causal_mask(n) if case["causal"] else None  # nn.MultiheadAttention: True = may NOT attend
    x = p["x"][None]
    output, attn = functional_call(
        mha, params, (x, x, x), {"attn_mask": attn_mask, "need_weights": True, "average_attn_weights": False}
    )
    return finish(case, p, output[0], attn[0])


def finish(case: dict, p: Dict[str, Tensor], output: Tensor, attn: Tensor) -> dict:
    upstream = torch.as_tensor(case["upstream"], dtype=DTYPE)
    loss = (output * upstream).sum()
    names = list(p.keys())
    grads = torch.autograd.grad(loss, [p[k] for k in names])
    return {"output": output.detach(), "attention": attn.detach(), "gradients": dict(zip(names, (g.detach() for g in grads)))}


def max_diff(a, b) -> float:
    a, b = torch.as_tensor(a, dtype=DTYPE), torch.as_tensor(b, dtype=DTYPE)
    if a.shape != b.shape:
        return float("inf")
    return (a - b).abs().max().item() if a.numel() else 0.0


def compare(name: str, what: str, a: dict, b: dict, tolerance: float = TOLERANCE) -> float:
    """Largest difference between two results; raises Disagreement beyond the tolerance."""
    worst = 0.0
    pairs = [("output", a["output"], b["output"]), ("attention", a["attention"], b["attention"])]
    pairs += [(f"gradient of {k}", a["gradients"][k], b["gradients"][k]) for k in b["gradients"]]
    for label, x, y in pairs:
        diff = max_diff(x, y)
        if not diff <= tolerance:
            raise Disagreement(f'case "{name}": {what} differ in {label} by {diff:.3g} (tolerance {tolerance:g})')
        worst = max(worst, diff)
    return worst


def rows(t) -> list:
    return torch.as_tensor(t, dtype=DTYPE).tolist()


def to_json_case(case: dict, result: dict) -> dict:
    """One case in the file's layout (key order as in the committed fixture)."""
    out = {k: case[k] for k in ["name", "n", "dModel", "h", "causal"]}
    for k in ["x"] + MATRICES:
        out[k] = rows(case[k])
    out["expected"] = {"output": rows(result["output"]), "attention": rows(result["attention"])}
    out["upstream"] = rows(case["upstream"])
    order = ["x"] + MATRICES + ["headMask"] + [b for b in BIASES if b in case]
    out["gradients"] = {k: rows(result["gradients"][k]) for k in order}
    for k in BIASES:
        if k in case:
            out[k] = rows(case[k])
    if "headMask" in case:
        out["headMask"] = [int(v) if float(v).is_integer() else float(v) for v in rows(case["headMask"])]
    return out


def check_padding(g: torch.Generator) -> float:
    """The twin's padding mask against nn.MultiheadAttention's key_padding_mask, on a padded
    batch of two sequences (forward only; not written to the file)."""
    d, h, n = 8, 2, 5
    lengths = torch.tensor([5, 3])
    x = torch.randn(2, n, d, generator=g, dtype=DTYPE)
    w = {k: torch.randn(d, d, generator=g, dtype=DTYPE) / d**0.5 for k in MATRICES}
    w.update({k: torch.randn(d, generator=g, dtype=DTYPE) * 0.1 for k in BIASES})
    ours, ours_attn = multi_head_attention(x, w, h, causal=True, lengths=lengths)
    mha = torch.nn.MultiheadAttention(d, h, batch_first=True, dtype=DTYPE)
    params = {
        "in_proj_weight": torch.cat([w["wq"].T, w["wk"].T, w["wv"].T]),
        "in_proj_bias": torch.cat([w["bq"], w["bk"], w["bv"]]),
        "out_proj.weight": w["wo"].T,
        "out_proj.bias": w["bo"],
    }
    pad = torch.arange(n)[None, :] >= lengths[:, None]  # (B, n), True = padding (ignored)
    theirs, theirs_attn = functional_call(
        mha, params, (x, x, x),
        {"attn_mask": ~causal_mask(n), "key_padding_mask": pad, "need_weights": True, "average_attn_weights": False},
    )
    worst = max(max_diff(ours, theirs), max_diff(ours_attn, theirs_attn))
    if not worst <= TOLERANCE:
        raise Disagreement(f"padded batch (lengths 5 and 3, causal): twin and nn.MultiheadAttention differ by {worst:.3g}")
    return worst


def check_counts() -> None:
    """parameter_count against the parameters nn.MultiheadAttention actually holds."""
    for d, h in [(512, 8), (768, 12), (1024, 16), (6, 1)]:
        for bias in (True, False):
            held = sum(t.numel() for t in torch.nn.MultiheadAttention(d, h, bias=bias).parameters())
            if parameter_count(d, h, bias=bias) != held:
                raise Disagreement(f"parameter_count({d}, {h}, bias={bias}) = {parameter_count(d, h, bias=bias)} but nn.MultiheadAttention holds {held}")


def generate(seed: int) -> dict:
    g = torch.Generator().manual_seed(seed)
    cases, worst = [], 0.0
    for spec in CASES:
        case = draw_case(spec, g)
        twin, reference = run_twin(case), run_torch_mha(case)
        worst = max(worst, compare(case["name"], "the twin and nn.MultiheadAttention", twin, reference))
        cases.append(to_json_case(case, reference))
    worst = max(worst, check_padding(g))
    check_counts()
    print(f"fixtures: {len(cases)} cases, seed {seed}; twin vs nn.MultiheadAttention: largest difference {worst:.3g}", file=sys.stderr)
    return {
        "source": f"torch.nn.MultiheadAttention (PyTorch {torch.__version__}), float64",
        "convention": CONVENTION,
        "generator": f"npm run fixtures -- --seed {seed} (reference/pytorch/fixtures.py)",
        "seed": seed,
        "cases": cases,
    }


def check_file(path: str) -> None:
    with open(path) as f:
        data = json.load(f)
    worst = 0.0
    for c in data["cases"]:
        stored = {"output": c["expected"]["output"], "attention": c["expected"]["attention"], "gradients": c["gradients"]}
        twin, reference = run_twin(c), run_torch_mha(c)
        worst = max(worst, compare(c["name"], "the twin and nn.MultiheadAttention", twin, reference))
        worst = max(worst, compare(c["name"], f"{path} and nn.MultiheadAttention", reference, stored))
    check_counts()
    print(f"fixtures: {path}: {len(data['cases'])} cases agree with the twin and nn.MultiheadAttention; largest difference {worst:.3g}")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of torch.Generator (default 0)")
    parser.add_argument("--out", help="file to write; without it the JSON goes to standard output")
    parser.add_argument("--check", metavar="FILE", help="recompute the cases of FILE and compare, instead of writing")
    args = parser.parse_args(argv)
    try:
        if args.check:
            check_file(args.check)
            return 0
        text = json.dumps(generate(args.seed))
    except Disagreement as e:
        print(f"fixtures: STOP: {e}", file=sys.stderr)
        return 1
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
        print(f"fixtures: wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
