// The PyTorch twins (reference/pytorch/attention.py) run, when this machine has a Python
// with torch (Debian's python3-torch, or $TORCH_PYTHON): against torch.nn.MultiheadAttention
// on the committed fixture, against a tampered copy (which must be refused), where the
// split and merge copy memory, and the parameter count against the TypeScript's. Without torch every test here is skipped, with
// the reason printed: `npm test` never needs torch.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parameterCount } from '../../src/attention';
import { findTorchPython } from '../../scripts/torch-python';

const torch = findTorchPython();
if (!torch.python) console.warn(`pytorch-twins: skipped, ${torch.reason}`);

const sizes = [[512, 8], [768, 12], [1024, 16], [6, 1], [5, 5]] as const;

/**
 * One Python process (importing torch takes seconds): check the committed fixture, check a
 * copy with one gradient entry changed by 1e-7, and print parameter_count for some sizes.
 */
function runTwins(): { check: Outcome; tampered: Outcome; copies: Record<string, boolean>; conv: number[][]; t5_3b: number; gemma_7b: number } {
  const dir = mkdtempSync(join(tmpdir(), 'twins-'));
  try {
    const data = JSON.parse(readFileSync('tests/fixtures/mha-torch.json', 'utf8'));
    data.cases[3].gradients.wk[1][2] += 1e-7;
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(data));
    const script = [
      'import contextlib, io, json, sys; sys.path.insert(0, "reference/pytorch")',
      'from attention import parameter_count',
      'from fixtures import Disagreement, check_file',
      'def outcome(path):',
      '    out = io.StringIO()',
      '    try:',
      '        with contextlib.redirect_stdout(out): check_file(path)',
      '        return {"ok": True, "message": out.getvalue()}',
      '    except Disagreement as e:',
      '        return {"ok": False, "message": str(e)}',
      `sizes = ${JSON.stringify(sizes)}`,
      // Where the copy happens (merge_heads' docstring): the split shares the input's memory;
      // on heads laid out (B, h, n, d_k), as attention returns them, view cannot fuse the axes
      // after the transpose, and the merge's result is new memory with head 1 in columns 3-5.
      'import torch',
      'from attention import split_heads, merge_heads',
      'x = torch.randn(2, 5, 12, dtype=torch.float64)',
      'heads = split_heads(x, 4)',
      'out = torch.randn(2, 4, 5, 3, dtype=torch.float64)  # (B, h, n, d_k), laid out as weights @ v returns it',
      'try:',
      '    out.transpose(1, 2).view(2, 5, 12); view_fails = False',
      'except RuntimeError:',
      '    view_fails = True',
      'merged = merge_heads(out)',
      'copies = {"split_shares": heads.data_ptr() == x.data_ptr() and not heads.is_contiguous(),',
      '  "view_fails": view_fails, "merge_new": merged.data_ptr() != out.data_ptr(),',
      '  "merged_right": bool(torch.equal(merged[:, :, 3:6], out[:, 1])), "round_trip": bool(torch.equal(merge_heads(heads), x))}',
      'print(json.dumps({"check": outcome("tests/fixtures/mha-torch.json"), "tampered": outcome(sys.argv[1]), "copies": copies,',
      '  "conv": [[parameter_count(d, h, bias=b) for b in (True, False)] for d, h in sizes],',
      '  "t5_3b": parameter_count(1024, 32, d_k=128, bias=False), "gemma_7b": parameter_count(3072, 16, d_k=256, bias=False)}))',
    ].join('\n');
    const r = spawnSync(torch.python!, ['-c', script, tampered], { encoding: 'utf8', timeout: 240_000 });
    if (r.status !== 0) throw new Error(`the twins did not run: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
interface Outcome { ok: boolean; message: string }

describe.skipIf(!torch.python)(`the PyTorch twins (torch ${torch.version ?? 'absent'})`, () => {
  let out: ReturnType<typeof runTwins>;
  beforeAll(() => {
    out = runTwins();
  }, 250_000);

  it('reproduce tests/fixtures/mha-torch.json, as nn.MultiheadAttention does, to 1e-10', () => {
    expect(out.check.ok, out.check.message).toBe(true);
    expect(out.check.message).toMatch(/9 cases agree with the twin and nn\.MultiheadAttention; largest difference/);
  });

  it('a fixture changed by 1e-7 in one gradient is refused, naming the case and the quantity', () => {
    expect(out.tampered.ok).toBe(false);
    expect(out.tampered.message).toMatch(/case "causal, four heads": .* differ in gradient of wk by 1e-07/);
  });

  it('split_heads copies nothing; view alone cannot merge attention outputs; merge_heads copies them once', () => {
    expect(out.copies).toEqual({ split_shares: true, view_fails: true, merge_new: true, merged_right: true, round_trip: true });
  });

  it('parameter_count equals parameterCount under the convention, and counts decoupled heads', () => {
    expect(out.conv).toEqual(sizes.map(([dModel, h]) => [parameterCount({ dModel, h }), parameterCount({ dModel, h, bias: false })]));
    // 2·d_model·h·(d_k + d_v) with h·d_k = 4096 (T5-3B) and 16·256 = 4096 (Gemma-7B), no biases
    expect(out.t5_3b).toBe(2 * 1024 * 4096 * 2);
    expect(out.gemma_7b).toBe(2 * 3072 * 4096 * 2);
  });
});
