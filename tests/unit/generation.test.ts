// Lesson 9's core: the online softmax (FlashAttention's idea), RoPE and the KV cache, each
// checked against an independent computation: scaledDotProductAttention, an explicit
// block-diagonal rotation matrix, and the full causal multiHeadAttention pass.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import {
  applyRope, cacheLength, createKvCache, decodeStep, mulberry32, multiHeadAttention, onlineSoftmaxAttention,
  onlineSoftmaxTrace, prefill, randomMatrix, ropeFrequencies, scaledDotProductAttention, type MhaWeights,
} from '../../src/attention';

const maxDiff = (a: Matrix, b: Matrix) => Matrix.sub(a, b).abs().max();

function randomWeights(dModel: number, seed: number, bias = true): MhaWeights {
  const rng = mulberry32(seed);
  const w = () => randomMatrix(dModel, dModel, rng, 1 / Math.sqrt(dModel));
  const b = () => (bias ? randomMatrix(1, dModel, rng, 0.1).getRow(0) : undefined);
  return { wq: w(), wk: w(), wv: w(), wo: w(), bq: b(), bk: b(), bv: b(), bo: b() };
}

describe('onlineSoftmaxAttention', () => {
  const shapes = [[1, 1, 1, 1], [5, 5, 4, 3], [8, 8, 2, 2], [7, 7, 6, 5], [4, 9, 4, 2], [9, 4, 2, 3]];
  it('equals scaledDotProductAttention to 1e-12 for every tileSize from 1 to m, causal and not', () => {
    let checked = 0;
    shapes.forEach(([n, m, dK, dV], s) => {
      const rng = mulberry32(100 + s);
      const q = randomMatrix(n, dK, rng), k = randomMatrix(m, dK, rng), v = randomMatrix(m, dV, rng);
      for (const causal of [false, true]) {
        const exact = scaledDotProductAttention(q, k, v, { causal }).output;
        for (let tileSize = 1; tileSize <= m + 1; tileSize++) {
          const online = onlineSoftmaxAttention(q, k, v, { tileSize, causal });
          expect([online.rows, online.columns]).toEqual([n, dV]);
          expect(maxDiff(online, exact), `n=${n} m=${m} tile=${tileSize} causal=${causal}`).toBeLessThan(1e-12);
          checked++;
        }
      }
    });
    expect(checked).toBeGreaterThan(60);
  });
  it('stays finite and exact with scores of ±1e3, where exp(s) alone would overflow', () => {
    const rng = mulberry32(5);
    // d_k = 1 so each score is q·k exactly; 1e3 and −1e3 with gaps that matter after the softmax.
    const q = new Matrix([[1], [-1], [0.5]]);
    const k = new Matrix([[-1000], [999], [1000], [-999], [998.5]]);
    const v = randomMatrix(5, 3, rng);
    expect(Math.exp(1000)).toBe(Infinity); // what a naive softmax would meet
    for (const causal of [false, true]) {
      const exact = scaledDotProductAttention(q, k, v, { causal }).output;
      for (let tileSize = 1; tileSize <= 5; tileSize++) {
        const online = onlineSoftmaxAttention(q, k, v, { tileSize, causal });
        expect(online.to1DArray().every(Number.isFinite)).toBe(true);
        expect(maxDiff(online, exact)).toBeLessThan(1e-12);
      }
    }
  });
  it('does not modify its inputs', () => {
    const rng = mulberry32(9);
    const q = randomMatrix(4, 2, rng), k = randomMatrix(4, 2, rng), v = randomMatrix(4, 3, rng);
    const copies = [q, k, v].map((m) => m.to2DArray());
    onlineSoftmaxTrace(q, k, v, { tileSize: 3, causal: true });
    expect([q, k, v].map((m) => m.to2DArray())).toEqual(copies);
  });
  it('bad options throw errors that name the value and the fix', () => {
    const q = Matrix.ones(3, 2), k = Matrix.ones(3, 2), v = Matrix.ones(3, 2);
    expect(() => onlineSoftmaxAttention(q, k, v, { tileSize: 0 })).toThrow(/tileSize must be a whole number ≥ 1.*got 0.*from 1 to 3/);
    expect(() => onlineSoftmaxAttention(q, k, v, { tileSize: 1.5 })).toThrow(RangeError);
    expect(() => onlineSoftmaxAttention(q, k, v, { tileSize: Number.NaN })).toThrow(/got NaN/);
    expect(() => onlineSoftmaxAttention(q, Matrix.ones(3, 4), v, { tileSize: 2 })).toThrow(/d_k = 2 but keys have 4 columns/);
    expect(() => onlineSoftmaxAttention(q, k, Matrix.ones(2, 2), { tileSize: 2 })).toThrow(/3 keys but 2 values/);
  });
});

describe('onlineSoftmaxTrace', () => {
  const rng = mulberry32(21);
  const q = randomMatrix(6, 4, rng), k = randomMatrix(7, 4, rng), v = randomMatrix(7, 3, rng);
  const { steps, output } = onlineSoftmaxTrace(q, k, v, { tileSize: 3 });
  const exact = scaledDotProductAttention(q, k, v);
  it('has one step per tile, the last one shorter, and ends at the exact output', () => {
    expect(steps.map((s) => [s.start, s.end])).toEqual([[0, 3], [3, 6], [6, 7]]);
    expect(maxDiff(output, exact.output)).toBeLessThan(1e-12);
    expect(maxDiff(steps[2].partial, exact.output)).toBeLessThan(1e-12);
  });
  it('records the running max and sum: m is the max of the scores so far, ℓ = Σ exp(s − m)', () => {
    for (const step of steps) {
      expect(maxDiff(step.scores, exact.scores.subMatrix(0, 5, step.start, step.end - 1))).toBeLessThan(1e-12);
      for (let i = 0; i < 6; i++) {
        const seen = exact.scores.getRow(i).slice(0, step.end);
        const m = Math.max(...seen);
        expect(step.mAfter[i]).toBe(m);
        expect(step.lAfter[i]).toBeCloseTo(seen.reduce((a, s) => a + Math.exp(s - m), 0), 12);
        expect(step.rescale[i]).toBeCloseTo(Math.exp(step.mBefore[i] - step.mAfter[i]), 14);
        expect(step.rescale[i]).toBeLessThanOrEqual(1);
      }
    }
    expect(steps[0].mBefore.every((m) => m === -Infinity)).toBe(true);
    expect(steps[0].rescale.every((r) => r === 0)).toBe(true); // exp(−∞ − m) = 0: the empty accumulator and ℓ = 0 are dropped
  });
  it('partial output = softmax over the keys seen so far, times their values', () => {
    for (const step of steps) {
      const seen = (m: Matrix) => m.subMatrix(0, step.end - 1, 0, m.columns - 1); // the keys/values of tiles 0 … this one
      const sofar = scaledDotProductAttention(q, seen(k), seen(v)).output;
      expect(maxDiff(step.partial, sofar)).toBeLessThan(1e-12);
      expect(maxDiff(step.accumulator, Matrix.diag(step.lAfter).mmul(step.partial))).toBeLessThan(1e-12);
    }
  });
  it('a tile that raises the max rescales by less than 1; one that does not leaves the factor at 1', () => {
    const raised = steps.slice(1).flatMap((s) => s.rescale.filter((_, i) => s.mAfter[i] > s.mBefore[i]));
    const kept = steps.slice(1).flatMap((s) => s.rescale.filter((_, i) => s.mAfter[i] === s.mBefore[i]));
    expect(raised.length).toBeGreaterThan(0);
    expect(kept.length).toBeGreaterThan(0);
    raised.forEach((r) => expect(r).toBeLessThan(1));
    kept.forEach((r) => expect(r).toBe(1));
  });
  it('causal: a tile entirely in a row\'s future changes nothing for that row', () => {
    const { steps: cs } = onlineSoftmaxTrace(q, k.subMatrix(0, 5, 0, 3), v.subMatrix(0, 5, 0, 2), { tileSize: 2, causal: true });
    // row 0 sees only key 0: tiles 1 and 2 are masked for it
    for (const s of cs.slice(1)) {
      expect(s.scores.getRow(0).every((x) => x === -Infinity)).toBe(true);
      expect(s.rescale[0]).toBe(1);
      expect(s.lAfter[0]).toBe(s.lBefore[0]);
    }
  });
});

/** R^d_{Θ,p} of RoFormer Eq. 15, built as an explicit block-diagonal (d, d) matrix: the independent check. */
function rotationMatrix(p: number, d: number, base = 10000): Matrix {
  const r = Matrix.zeros(d, d);
  for (let i = 0; i < d / 2; i++) {
    const a = p * Math.pow(base, (-2 * i) / d);
    r.set(2 * i, 2 * i, Math.cos(a)); r.set(2 * i, 2 * i + 1, -Math.sin(a));
    r.set(2 * i + 1, 2 * i, Math.sin(a)); r.set(2 * i + 1, 2 * i + 1, Math.cos(a));
  }
  return r;
}
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('applyRope', () => {
  const rng = mulberry32(33);
  const x = randomMatrix(6, 8, rng);
  it('equals R_p·x_p with RoFormer\'s block-diagonal rotation, row by row', () => {
    const rotated = applyRope(x, { offset: 3, base: 100 });
    for (let r = 0; r < 6; r++) {
      const expected = rotationMatrix(3 + r, 8, 100).mmul(Matrix.columnVector(x.getRow(r))).to1DArray();
      rotated.getRow(r).forEach((val, j) => expect(val).toBeCloseTo(expected[j], 13));
    }
  });
  it('position 0 is the identity, and the input is not modified', () => {
    const before = x.to2DArray();
    const rotated = applyRope(x);
    expect(rotated.getRow(0)).toEqual(x.getRow(0));
    expect(x.to2DArray()).toEqual(before);
    expect(maxDiff(applyRope(x, { positions: [0, 0, 0, 0, 0, 0] }), x)).toBe(0);
  });
  it('preserves every row\'s norm', () => {
    const rotated = applyRope(x, { offset: 1000 });
    for (let r = 0; r < 6; r++) expect(Math.hypot(...rotated.getRow(r))).toBeCloseTo(Math.hypot(...x.getRow(r)), 12);
  });
  it('(R_m q)·(R_n k) depends only on m − n', () => {
    const q = randomMatrix(1, 8, rng), k = randomMatrix(1, 8, rng);
    const score = (m: number, n: number) => dot(applyRope(q, { positions: [m] }).getRow(0), applyRope(k, { positions: [n] }).getRow(0));
    for (const [m, n] of [[5, 2], [0, 7], [3, 3], [12, 1]]) {
      for (const shift of [1, 7, 100, 2048]) expect(Math.abs(score(m + shift, n + shift) - score(m, n))).toBeLessThan(1e-12);
    }
    expect(Math.abs(score(5, 2) - score(2, 5))).toBeGreaterThan(1e-3); // the offset's sign matters
    expect(Math.abs(score(3, 3) - dot(q.getRow(0), k.getRow(0)))).toBeLessThan(1e-12); // offset 0 is the plain dot product
  });
  it('frequencies: θ_0 = 1, then base^(−2i/d)', () => {
    expect(ropeFrequencies(4)).toEqual([1, 0.01]);
    expect(ropeFrequencies(8, 10000)[3]).toBeCloseTo(Math.pow(10000, -6 / 8), 15);
  });
  it('odd d, a bad base or a wrong number of positions throw errors that teach', () => {
    expect(() => applyRope(Matrix.ones(2, 5))).toThrow(/even head width d_k ≥ 2, got 5.*pairs/);
    expect(() => applyRope(Matrix.ones(2, 4), { base: 0 })).toThrow(/base must be a positive number.*10000/);
    expect(() => applyRope(Matrix.ones(2, 4), { positions: [0] })).toThrow(/1 entries but x has 2 rows/);
  });
});

describe('KV cache', () => {
  const configs = [
    { n: 6, dModel: 8, h: 2, seed: 1 },
    { n: 5, dModel: 12, h: 3, seed: 2 },
    { n: 1, dModel: 4, h: 1, seed: 3 },
    { n: 9, dModel: 8, h: 4, seed: 4 },
  ];
  for (const rope of [false, true, { base: 50 }] as const) {
    it(`prefill and token-by-token decoding equal the full causal pass to 1e-12 (rope: ${JSON.stringify(rope)})`, () => {
      for (const { n, dModel, h, seed } of configs) {
        const rng = mulberry32(seed * 17);
        const x = randomMatrix(n, dModel, rng);
        const w = randomWeights(dModel, seed, seed % 2 === 0);
        const full = multiHeadAttention(x, w, { h, causal: true, rope }).output;

        const cacheA = createKvCache(dModel, h);
        expect(maxDiff(prefill(cacheA, x, w, { rope }), full)).toBeLessThan(1e-12);
        expect(cacheLength(cacheA)).toBe(n);

        const cacheB = createKvCache(dModel, h);
        for (let t = 0; t < n; t++) {
          const step = decodeStep(cacheB, x.subMatrix(t, t, 0, dModel - 1), w, { rope });
          expect(step.position).toBe(t);
          expect(step.weights.map((row) => row.length)).toEqual(new Array(h).fill(t + 1));
          expect(maxDiff(step.output, full.subMatrix(t, t, 0, dModel - 1))).toBeLessThan(1e-12);
        }
        // both caches hold the same (rotated) keys and the same values
        for (let i = 0; i < h; i++) {
          expect(maxDiff(cacheA.keys[i], cacheB.keys[i])).toBeLessThan(1e-12);
          expect(maxDiff(cacheA.values[i], cacheB.values[i])).toBeLessThan(1e-12);
        }
      }
    });
  }
  it('prefill of a prompt, then decode steps, equals the full pass over prompt + continuation', () => {
    const rng = mulberry32(77);
    const x = randomMatrix(8, 8, rng), w = randomWeights(8, 77);
    const full = multiHeadAttention(x, w, { h: 2, causal: true, rope: true });
    const cache = createKvCache(8, 2);
    prefill(cache, x.subMatrix(0, 4, 0, 7), w, { rope: true });
    for (let t = 5; t < 8; t++) {
      const step = decodeStep(cache, x.subMatrix(t, t, 0, 7), w, { rope: true });
      expect(maxDiff(step.output, full.output.subMatrix(t, t, 0, 7))).toBeLessThan(1e-12);
      step.weights.forEach((row, i) => row.forEach((p, j) => expect(p).toBeCloseTo(full.heads[i].weights.get(t, j), 12)));
    }
  });
  it('keys are cached rotated, values never are', () => {
    const rng = mulberry32(78);
    const x = randomMatrix(4, 4, rng), w = randomWeights(4, 78, false);
    const plain = createKvCache(4, 1), rotated = createKvCache(4, 1);
    prefill(plain, x, w);
    prefill(rotated, x, w, { rope: true });
    expect(maxDiff(rotated.keys[0], applyRope(plain.keys[0]))).toBeLessThan(1e-12);
    expect(maxDiff(rotated.keys[0], plain.keys[0])).toBeGreaterThan(1e-3);
    expect(maxDiff(rotated.values[0], plain.values[0])).toBe(0);
  });
  it('without a mask a full pass would differ: the cache is what keeps the future out', () => {
    const rng = mulberry32(79);
    const x = randomMatrix(5, 8, rng), w = randomWeights(8, 79);
    const unmasked = multiHeadAttention(x, w, { h: 2 }).output;
    const cache = createKvCache(8, 2);
    const first = decodeStep(cache, x.subMatrix(0, 0, 0, 7), w).output;
    expect(maxDiff(first, unmasked.subMatrix(0, 0, 0, 7))).toBeGreaterThan(1e-3);
  });
  it('inputs are not modified, and misuse throws errors that teach', () => {
    const rng = mulberry32(80);
    const x = randomMatrix(3, 4, rng), w = randomWeights(4, 80);
    const before = [x.to2DArray(), w.wq.to2DArray()];
    const cache = createKvCache(4, 2);
    prefill(cache, x, w);
    expect([x.to2DArray(), w.wq.to2DArray()]).toEqual(before);
    expect(() => prefill(cache, x, w)).toThrow(/already holds 3 tokens.*decodeStep/);
    expect(() => decodeStep(cache, x, w)).toThrow(/one token \(1 row\), got 3 rows/);
    expect(() => decodeStep(cache, Matrix.ones(1, 6), w)).toThrow(/6 columns but the cache was made for d_model = 4/);
    expect(() => createKvCache(10, 4)).toThrow(/convention d_k = d_model \/ h/);
    expect(() => prefill(createKvCache(6, 2), Matrix.ones(2, 6), randomWeights(6, 1), { rope: true })).toThrow(/even head width d_k ≥ 2, got 3/);
  });
});

describe('multiHeadAttention with rope', () => {
  it('mhaGradients refuses rope rather than return gradients that ignore it', async () => {
    const { mhaGradients } = await import('../../src/training');
    const w = randomWeights(4, 91);
    expect(() => mhaGradients(Matrix.ones(2, 4), w, { h: 2, rope: true }, Matrix.ones(2, 4))).toThrow(/does not differentiate through RoPE/);
  });
  it('rotates each head\'s q and k by position, never v, and leaves rope: false unchanged', () => {
    const rng = mulberry32(90);
    const x = randomMatrix(5, 8, rng), w = randomWeights(8, 90);
    const plain = multiHeadAttention(x, w, { h: 2 });
    const roped = multiHeadAttention(x, w, { h: 2, rope: { base: 10000 } });
    expect(maxDiff(multiHeadAttention(x, w, { h: 2, rope: false }).output, plain.output)).toBe(0);
    for (let i = 0; i < 2; i++) {
      expect(maxDiff(roped.heads[i].q, applyRope(plain.heads[i].q))).toBeLessThan(1e-12);
      expect(maxDiff(roped.heads[i].k, applyRope(plain.heads[i].k))).toBeLessThan(1e-12);
      expect(maxDiff(roped.heads[i].v, plain.heads[i].v)).toBe(0);
    }
    expect(maxDiff(roped.output, plain.output)).toBeGreaterThan(1e-3);
  });
});
