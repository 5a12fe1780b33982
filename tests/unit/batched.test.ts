import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { mulberry32, multiHeadAttention, randomMatrix } from '../../src/attention';
import { batchedMultiHeadAttention, scoreRank, stackMatrices, tensorOf, Tensor, traceShapes } from '../../src/attention/demos';

describe('Tensor', () => {
  it('permutes axes like a framework', () => {
    const t = new Tensor([2, 3], Float64Array.from([1, 2, 3, 4, 5, 6]));
    const p = t.permute([1, 0]);
    expect(p.shape).toEqual([3, 2]);
    expect([...p.data!]).toEqual([1, 4, 2, 5, 3, 6]);
    expect(() => t.reshape([4, 2])).toThrow(/6 elements against 8/);
    expect(() => new Tensor([2, 0])).toThrow(/positive whole number/);
  });
});

describe('batched multi-head attention', () => {
  it('equals multiHeadAttention on every batch element', () => {
    const rng = mulberry32(21);
    const [B, n, d, h] = [3, 5, 12, 4];
    const xs = Array.from({ length: B }, () => randomMatrix(n, d, rng));
    const w = { wq: randomMatrix(d, d, rng, 0.3), wk: randomMatrix(d, d, rng, 0.3), wv: randomMatrix(d, d, rng, 0.3), wo: randomMatrix(d, d, rng, 0.3) };
    const { output, steps } = batchedMultiHeadAttention(stackMatrices(xs), { wq: tensorOf(w.wq), wk: tensorOf(w.wk), wv: tensorOf(w.wv), wo: tensorOf(w.wo) }, h);
    xs.forEach((x, b) => {
      const ref = multiHeadAttention(x, w, { h }).output;
      for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) expect(Math.abs(output.get(b, i, j) - ref.get(i, j))).toBeLessThan(1e-12);
    });
    expect(steps.find((s) => s.name === 'scores')!.shape).toEqual([B, h, n, n]);
  });

  it('shape-only tracing follows the same steps and shapes as computing', () => {
    const rng = mulberry32(2);
    const [B, n, d, h] = [2, 3, 8, 2];
    const w = tensorOf(randomMatrix(d, d, rng));
    const real = batchedMultiHeadAttention(stackMatrices([randomMatrix(n, d, rng), randomMatrix(n, d, rng)]), { wq: w, wk: w, wv: w, wo: w }, h).steps;
    expect(traceShapes({ B, n, dModel: d, h })).toEqual(real);
  });

  it('traces shapes of a big model without computing it', () => {
    const steps = traceShapes({ B: 32, n: 512, dModel: 768, h: 12 });
    const byName = Object.fromEntries(steps.map((s) => [s.name, s.shape]));
    expect(byName.split).toEqual([32, 512, 12, 64]);
    expect(byName.heads).toEqual([32, 12, 512, 64]);
    expect(byName.scores).toEqual([32, 12, 512, 512]);
    expect(byName['head outputs']).toEqual([32, 12, 512, 64]);
    expect(byName.concat).toEqual([32, 512, 768]);
    expect(() => traceShapes({ B: 1, n: 4, dModel: 10, h: 4 })).toThrow(/dModel \(10\) must be divisible by h \(4\); valid h near 4: 2 or 5/);
  });
});

describe('scoreRank', () => {
  it('the n×n scores of one head have rank min(n, d_k)', () => {
    const rng = mulberry32(5);
    for (const [n, dK] of [[16, 4], [16, 8], [16, 16], [16, 32], [8, 64]]) {
      const scores = randomMatrix(n, dK, rng).mmul(randomMatrix(n, dK, rng).transpose()); // (n, dK)·(dK, n) → (n, n)
      expect(scoreRank(scores), `${n}, ${dK}`).toBe(Math.min(n, dK));
    }
    expect(scoreRank(Matrix.eye(5))).toBe(5);
    expect(scoreRank(Matrix.ones(4, 4))).toBe(1);
  });
});
