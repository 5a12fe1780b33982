// Gradients of multi-head attention: the engine's mhaGradients and the plain ml-matrix
// mhaBackward, each against PyTorch autograd (tests/fixtures/mha-torch.json, float64) to
// 1e-9, and against each other on random shapes to 1e-10.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { mulberry32, multiHeadAttention, randomMatrix, type MhaOptions, type MhaWeights } from '../../src/attention';
import { mhaBackward, mhaGradients, type MhaGradients } from '../../src/training';
import { mhaForward } from '../../src/training/engine';
import { goldenCases, maxAbsDiff, weightsOf } from '../support/golden';

const cases = goldenCases();
const vecDiff = (a: number[], b: number[]) => {
  expect(a.length).toBe(b.length);
  return Math.max(0, ...a.map((v, i) => Math.abs(v - b[i])));
};
const KEYS = ['x', 'wq', 'wk', 'wv', 'wo', 'bq', 'bk', 'bv', 'bo', 'headMask'] as const;
const reference = (x: Matrix, w: MhaWeights, o: MhaOptions, up: Matrix) => mhaBackward(x, w, multiHeadAttention(x, w, o), up);

for (const [label, grads] of [['engine (mhaGradients)', mhaGradients], ['plain ml-matrix (mhaBackward)', reference]] as const) {
  describe(`${label} against PyTorch autograd`, () => {
    for (const c of cases) {
      it(`${c.name}: every gradient to 1e-9`, () => {
        const g = grads(new Matrix(c.x), weightsOf(c), { h: c.h, causal: c.causal, headMask: c.headMask }, new Matrix(c.upstream));
        const keys = Object.keys(c.gradients);
        expect(keys.length).toBeGreaterThanOrEqual(6);
        for (const key of keys) {
          const want = c.gradients[key];
          const got = (g as unknown as Record<string, Matrix | number[] | undefined>)[key];
          expect(got, key).toBeDefined();
          const diff = got instanceof Matrix ? maxAbsDiff(got, want as number[][]) : vecDiff(got as number[], want as number[]);
          expect(diff, `${c.name}: ∂L/∂${key}`).toBeLessThan(1e-9);
        }
        if (!c.bq) expect(g.bq).toBeUndefined();
      });
    }
  });
}

describe('the engine equals the reference on random shapes', () => {
  const rng = mulberry32(2024);
  const shapes = [[1, 1, 1], [3, 4, 1], [5, 4, 4], [7, 12, 3], [16, 64, 4], [9, 8, 8], [2, 6, 2]]; // [n, dModel, h], h = 1 and h = d_model among them
  for (const [n, d, h] of shapes) {
    for (const causal of [false, true]) {
      it(`n = ${n}, d_model = ${d}, h = ${h}${causal ? ', causal' : ''}: forward and every gradient to 1e-10`, () => {
        const bias = n % 2 === 1;
        const m = (r: number, k: number, s = 1) => randomMatrix(r, k, rng, s);
        const w: MhaWeights = { wq: m(d, d, 1 / Math.sqrt(d)), wk: m(d, d, 1 / Math.sqrt(d)), wv: m(d, d, 1 / Math.sqrt(d)), wo: m(d, d, 1 / Math.sqrt(d)) };
        if (bias) Object.assign(w, { bq: m(1, d).getRow(0), bk: m(1, d).getRow(0), bv: m(1, d).getRow(0), bo: m(1, d).getRow(0) });
        const x = m(n, d);
        const up = m(n, d);
        const headMask = Array.from({ length: h }, (_, i) => (i === 1 ? 0 : 1 - 0.25 * i));
        const o = { h, causal, headMask };
        // forward: output and every head's map
        const ref = multiHeadAttention(x, w, o);
        const flat = (a: Matrix) => Float64Array.from(a.to1DArray());
        const cache = mhaForward(flat(x), { wq: flat(w.wq), wk: flat(w.wk), wv: flat(w.wv), wo: flat(w.wo), ...(bias ? { bq: Float64Array.from(w.bq!), bk: Float64Array.from(w.bk!), bv: Float64Array.from(w.bv!), bo: Float64Array.from(w.bo!) } : {}) },
          { sequences: 1, n, dModel: d, h, causal }, headMask);
        expect(Math.max(...cache.output.map((v, k) => Math.abs(v - ref.output.get(Math.floor(k / d), k % d))))).toBeLessThan(1e-10);
        ref.heads.forEach((head, i) => head.weights.to2DArray().forEach((row, r) => row.forEach((v, j) => {
          expect(Math.abs(cache.weights[(i * n + r) * n + j] - v)).toBeLessThan(1e-10);
        })));
        // backward
        const a: MhaGradients = mhaGradients(x, w, o, up);
        const b = reference(x, w, o, up);
        for (const key of KEYS) {
          const [ga, gb] = [a[key], b[key]];
          if (gb === undefined) { expect(ga, key).toBeUndefined(); continue; }
          const diff = gb instanceof Matrix ? maxAbsDiff(ga as Matrix, gb.to2DArray()) : vecDiff(ga as number[], gb as number[]);
          expect(diff, `∂L/∂${key}`).toBeLessThan(1e-10);
        }
      });
    }
  }
});

describe('mhaGradients says what is wrong', () => {
  const x = Matrix.ones(3, 4);
  const w = { wq: Matrix.eye(4), wk: Matrix.eye(4), wv: Matrix.eye(4), wo: Matrix.eye(4) };
  it('names the shapes', () => {
    expect(() => mhaGradients(x, w, { h: 3 }, x)).toThrow(/dModel \(4\) must be divisible by h \(3\)/);
    expect(() => mhaGradients(x, { ...w, wo: Matrix.eye(3) }, { h: 2 }, x)).toThrow(/wo is 3×3 but must be d_model×d_model = 4×4/);
    expect(() => mhaGradients(x, w, { h: 2 }, Matrix.ones(2, 4))).toThrow(/upstream is 2×4 but the output is 3×4/);
    expect(() => mhaGradients(x, w, { h: 2, headMask: [1] }, x)).toThrow(/headMask has 1 entries but there are 2 heads/);
  });
});
