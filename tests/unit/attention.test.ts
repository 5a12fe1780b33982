import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import {
  applyCausalMask, countParameters, forwardFlops, headDim, mergeHeads, mulberry32, multiHeadAttention,
  nearestDivisors, parameterCount, randomMatrix, scaledDotProductAttention, softmaxRows, splitHeads,
  attentionMapEntries, type MhaWeights,
} from '../../src/attention';

const maxDiff = (a: Matrix, b: Matrix) => Matrix.sub(a, b).abs().max();

function randomWeights(dModel: number, seed: number, bias = true): MhaWeights {
  const rng = mulberry32(seed);
  const w = () => randomMatrix(dModel, dModel, rng, 1 / Math.sqrt(dModel));
  const b = () => (bias ? randomMatrix(1, dModel, rng, 0.1).getRow(0) : undefined);
  return { wq: w(), wk: w(), wv: w(), wo: w(), bq: b(), bk: b(), bv: b(), bo: b() };
}

describe('softmaxRows', () => {
  it('rows sum to 1 and stay finite for logits of ±1e6', () => {
    const logits = new Matrix([[1e6, -1e6, 0], [-1e6, -1e6, -1e6], [1e6, 1e6, 1e6 - 1], [3, 1, 2]]);
    const p = softmaxRows(logits);
    for (let i = 0; i < p.rows; i++) {
      expect(p.getRow(i).every(Number.isFinite)).toBe(true);
      expect(p.getRow(i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
    expect(p.get(0, 0)).toBe(1);
    expect(p.get(1, 0)).toBeCloseTo(1 / 3, 12);
  });
  it('gives masked (-Infinity) entries weight 0 and does not modify its input', () => {
    const logits = new Matrix([[0, -Infinity], [1, 2]]);
    const copy = logits.clone();
    const p = softmaxRows(logits);
    expect(p.get(0, 1)).toBe(0);
    expect(p.get(0, 0)).toBe(1);
    expect(logits.to2DArray()).toEqual(copy.to2DArray());
  });
  it('gives a row that is all −∞ (every key masked) zeros, not NaN', () => {
    expect(softmaxRows(new Matrix([[-Infinity, -Infinity], [0, 0]])).to2DArray()).toEqual([[0, 0], [0.5, 0.5]]);
  });
  it('matches exp(x)/Σexp(x) on small logits', () => {
    const p = softmaxRows(new Matrix([[1, 2, 3]]));
    const e = [1, 2, 3].map(Math.exp); const s = e[0] + e[1] + e[2];
    e.forEach((v, j) => expect(p.get(0, j)).toBeCloseTo(v / s, 14));
  });
});

describe('scaledDotProductAttention', () => {
  const rng = mulberry32(7);
  const q = randomMatrix(5, 4, rng), k = randomMatrix(5, 4, rng), v = randomMatrix(5, 3, rng);
  it('divides the scores by √d_k and weights sum to 1 per row', () => {
    const scaled = scaledDotProductAttention(q, k, v);
    const raw = scaledDotProductAttention(q, k, v, { scaled: false });
    expect(scaled.scale).toBe(2);
    expect(maxDiff(Matrix.mul(scaled.scores, 2), raw.scores)).toBeLessThan(1e-12);
    for (let i = 0; i < 5; i++) expect(scaled.weights.getRow(i).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect([scaled.output.rows, scaled.output.columns]).toEqual([5, 3]);
  });
  it('causal: no weight on future keys', () => {
    const { weights } = scaledDotProductAttention(q, k, v, { causal: true });
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(weights.get(i, j)).toBe(0);
    expect(weights.get(0, 0)).toBe(1);
  });
  it('applyCausalMask leaves its input alone', () => {
    const s = Matrix.ones(3, 3);
    applyCausalMask(s);
    expect(s.to2DArray()).toEqual(Matrix.ones(3, 3).to2DArray());
  });
});

describe('heads', () => {
  it('h not dividing d_model is a RangeError naming both numbers', () => {
    expect(() => headDim(10, 4)).toThrow(RangeError);
    expect(() => headDim(10, 4)).toThrow(/dModel \(10\).*h \(4\)/);
    expect(() => multiHeadAttention(Matrix.ones(2, 10), randomWeights(10, 1), { h: 4 })).toThrow(/dModel \(10\) must be divisible by h \(4\).*convention d_k = d_model \/ h/);
  });
  it('suggests the nearest valid h', () => {
    expect(nearestDivisors(10, 4)).toEqual([2, 5]);
    expect(nearestDivisors(512, 6)).toEqual([4, 8]);
    expect(() => headDim(512, 6)).toThrow(/4 or 8/);
  });
  it('rejects h that is not a positive whole number', () => {
    for (const h of [0, -2, 1.5, NaN]) expect(() => headDim(8, h)).toThrow(RangeError);
  });
  it('split then merge is the identity', () => {
    const m = randomMatrix(3, 12, mulberry32(3));
    expect(maxDiff(mergeHeads(splitHeads(m, 4)), m)).toBe(0);
  });
});

describe('multiHeadAttention identities', () => {
  const dModel = 12, n = 6;
  const x = randomMatrix(n, dModel, mulberry32(11));
  const weights = randomWeights(dModel, 12);

  it('does not modify its inputs', () => {
    const before = [x, weights.wq, weights.wk, weights.wv, weights.wo].map((m) => m.to2DArray());
    const bq = [...weights.bq!];
    multiHeadAttention(x, weights, { h: 3, headMask: [1, 0, 1] });
    expect([x, weights.wq, weights.wk, weights.wv, weights.wo].map((m) => m.to2DArray())).toEqual(before);
    expect(weights.bq).toEqual(bq);
  });

  it('h = 1 equals scaledDotProductAttention on the full projections', () => {
    for (const causal of [false, true]) {
      const mha = multiHeadAttention(x, weights, { h: 1, causal });
      const q = Matrix.add(x.mmul(weights.wq), Matrix.ones(n, 1).mmul(Matrix.rowVector(weights.bq!)));
      const k = Matrix.add(x.mmul(weights.wk), Matrix.ones(n, 1).mmul(Matrix.rowVector(weights.bk!)));
      const v = Matrix.add(x.mmul(weights.wv), Matrix.ones(n, 1).mmul(Matrix.rowVector(weights.bv!)));
      const single = scaledDotProductAttention(q, k, v, { causal });
      expect(maxDiff(mha.heads[0].weights, single.weights)).toBeLessThan(1e-12);
      const out = Matrix.add(single.output.mmul(weights.wo), Matrix.ones(n, 1).mmul(Matrix.rowVector(weights.bo!)));
      expect(maxDiff(mha.output, out)).toBeLessThan(1e-12);
    }
  });

  it('one d_model×d_model projection then a split equals h separate d_model×d_k projections', () => {
    for (const h of [1, 2, 3, 4, 6, 12]) {
      const dK = dModel / h;
      const mha = multiHeadAttention(x, weights, { h });
      for (let i = 0; i < h; i++) {
        // (n, dModel)·(dModel, dK) → (n, dK): head i's own small projection
        const wqi = weights.wq.subMatrix(0, dModel - 1, i * dK, (i + 1) * dK - 1);
        const bqi = weights.bq!.slice(i * dK, (i + 1) * dK);
        const qi = Matrix.add(x.mmul(wqi), Matrix.ones(n, 1).mmul(Matrix.rowVector(bqi)));
        expect(maxDiff(mha.heads[i].q, qi)).toBeLessThan(1e-12);
      }
    }
  });

  it('headMask zeroing head i equals zeroing its d_k rows of W_O', () => {
    const h = 4, dK = dModel / h;
    for (let i = 0; i < h; i++) {
      const mask = [1, 1, 1, 1]; mask[i] = 0;
      const masked = multiHeadAttention(x, weights, { h, headMask: mask });
      const wo = weights.wo.clone();
      for (let r = i * dK; r < (i + 1) * dK; r++) wo.setRow(r, new Array(dModel).fill(0));
      const zeroed = multiHeadAttention(x, { ...weights, wo }, { h });
      expect(maxDiff(masked.output, zeroed.output)).toBeLessThan(1e-12);
      // and it really changes the output
      expect(maxDiff(masked.output, multiHeadAttention(x, weights, { h }).output)).toBeGreaterThan(1e-3);
    }
  });
});

describe('counts', () => {
  it('the formula equals the entries of a layer that runs with that h (4·d² + 4·d, 4·d² without biases)', () => {
    for (const [d, h] of [[4, 1], [4, 2], [6, 3], [8, 8], [12, 4], [16, 2], [20, 5], [24, 6], [32, 8]]) {
      const weights = randomWeights(d, d);
      expect(multiHeadAttention(Matrix.ones(2, d), weights, { h }).heads).toHaveLength(h); // the weights fit h heads
      expect(parameterCount({ dModel: d, h })).toBe(countParameters(weights));
      expect(parameterCount({ dModel: d, h, bias: false })).toBe(countParameters(randomWeights(d, d, false)));
    }
  });
  it('matches PyTorch counts in the fact sheet (§5)', () => {
    expect(parameterCount({ dModel: 512, h: 8 })).toBe(1_050_624);
    expect(parameterCount({ dModel: 512, h: 8, bias: false })).toBe(1_048_576);
    expect(parameterCount({ dModel: 768, h: 12, bias: false })).toBe(2_359_296);
    expect(parameterCount({ dModel: 1024, h: 16 })).toBe(4_198_400);
  });
  it('h does not change the count but must divide d_model', () => {
    const counts = [1, 2, 4, 8, 16, 32, 64].map((h) => parameterCount({ dModel: 512, h }));
    expect(new Set(counts).size).toBe(1);
    expect(() => parameterCount({ dModel: 512, h: 6 })).toThrow(RangeError);
  });
  it('FLOPs: 8nd² + 4n²d, equal at n = 2d; maps h·n²', () => {
    expect(forwardFlops({ n: 128, dModel: 512 })).toEqual({ projections: 8 * 128 * 512 ** 2, attention: 4 * 128 ** 2 * 512, total: 8 * 128 * 512 ** 2 + 4 * 128 ** 2 * 512 });
    const f = forwardFlops({ n: 1024, dModel: 512 });
    expect(f.projections).toBe(f.attention);
    expect(attentionMapEntries({ n: 10, h: 8 })).toBe(800);
  });
});
