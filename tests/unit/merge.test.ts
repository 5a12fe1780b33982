// Lesson 5's merges: shapes, identities between them, parameter counts, the
// cancellation demonstration, inputs left alone and errors that say what to do.
import { describe, expect, it } from 'vitest';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import {
  averagingAsConcat, MERGE_KINDS, mergeAverage, mergeBy, mergeConcat, mergeGated, mergeParameterCount,
  mergeWeighted, mulberry32, multiHeadAttention, parameterCount, randomMatrix, splitHeads,
  type MhaWeights,
} from '../../src/attention';
import { mergeSignal, opposingHeadsExample } from '../../src/attention/demos';

const maxDiff = (a: Matrix, b: Matrix) => Matrix.sub(a, b).abs().max();

/** h random head outputs of shape (n, dK), with W_O, W_up and biases for d_model = h·dK. */
function setup(seed: number, { n = 5, h = 4, dK = 3 } = {}) {
  const rng = mulberry32(seed);
  const dModel = h * dK;
  const heads = Array.from({ length: h }, () => randomMatrix(n, dK, rng));
  const wo = randomMatrix(dModel, dModel, rng, 1 / Math.sqrt(dModel));
  const wUp = randomMatrix(dK, dModel, rng, 1 / Math.sqrt(dK));
  const bias = randomMatrix(1, dModel, rng, 0.1).getRow(0);
  const raw = Array.from({ length: h }, () => rng() + 0.01);
  const total = raw.reduce((a, b) => a + b, 0);
  const alpha = raw.map((a) => a / total);
  const gates = Array.from({ length: h }, () => rng());
  return { heads, wo, wUp, bias, alpha, gates, n, h, dK, dModel };
}

describe('the four merges', () => {
  it('give (n, d_model) outputs; concat and gated read h·d_k columns, average and weighted d_k', () => {
    const s = setup(1);
    for (const out of [mergeConcat(s.heads, s.wo), mergeAverage(s.heads, s.wUp), mergeWeighted(s.heads, s.alpha, s.wUp), mergeGated(s.heads, s.gates, s.wo)]) {
      expect([out.rows, out.columns]).toEqual([s.n, s.dModel]);
    }
  });

  it('concat then W_O is exactly what multiHeadAttention outputs (with biases)', () => {
    const rng = mulberry32(5);
    const dModel = 12;
    const w = () => randomMatrix(dModel, dModel, rng, 1 / Math.sqrt(dModel));
    const b = () => randomMatrix(1, dModel, rng, 0.1).getRow(0);
    const weights: MhaWeights = { wq: w(), wk: w(), wv: w(), wo: w(), bq: b(), bk: b(), bv: b(), bo: b() };
    const x = randomMatrix(6, dModel, rng);
    for (const h of [1, 2, 3, 4, 6, 12]) {
      const trace = multiHeadAttention(x, weights, { h });
      expect(maxDiff(mergeConcat(trace.heads.map((hd) => hd.output), weights.wo, weights.bo), trace.output)).toBeLessThan(1e-12);
    }
  });

  it('concat then W_O is a sum over heads, each read by its own d_k rows of W_O (Michel et al. §2.2)', () => {
    const s = setup(2);
    let sum = new Matrix(s.n, s.dModel);
    s.heads.forEach((head, i) => {
      const block = s.wo.subMatrix(i * s.dK, (i + 1) * s.dK - 1, 0, s.dModel - 1);
      sum = Matrix.add(sum, head.mmul(block)); // (n, dK)·(dK, dModel) → (n, dModel)
    });
    expect(maxDiff(mergeConcat(s.heads, s.wo), sum)).toBeLessThan(1e-12);
  });

  it('averaging is the mean of the heads times W_up', () => {
    const s = setup(3);
    const mean = Matrix.div(s.heads.reduce((a, b) => Matrix.add(a, b)), s.h);
    expect(maxDiff(mergeAverage(s.heads, s.wUp, s.bias), Matrix.add(mean.mmul(s.wUp), Matrix.ones(s.n, 1).mmul(new Matrix([s.bias]))))).toBeLessThan(1e-12);
  });

  it('weighted with uniform weights is averaging; gated with all gates 1 is concat', () => {
    const s = setup(4);
    expect(maxDiff(mergeWeighted(s.heads, new Array(s.h).fill(1 / s.h), s.wUp, s.bias), mergeAverage(s.heads, s.wUp, s.bias))).toBeLessThan(1e-12);
    expect(maxDiff(mergeGated(s.heads, new Array(s.h).fill(1), s.wo, s.bias), mergeConcat(s.heads, s.wo, s.bias))).toBeLessThan(1e-12);
  });

  it('a 0/1 gate is the head mask ξ of multiHeadAttention (Voita et al.’s gate generalises Michel et al.’s mask)', () => {
    const rng = mulberry32(8);
    const dModel = 8;
    const w = () => randomMatrix(dModel, dModel, rng, 1 / Math.sqrt(dModel));
    const weights: MhaWeights = { wq: w(), wk: w(), wv: w(), wo: w() };
    const x = randomMatrix(4, dModel, rng);
    const headMask = [1, 0, 1, 0.5];
    const masked = multiHeadAttention(x, weights, { h: 4, headMask });
    const heads = multiHeadAttention(x, weights, { h: 4 }).heads.map((hd) => hd.output);
    expect(maxDiff(mergeGated(heads, headMask, weights.wo), masked.output)).toBeLessThan(1e-12);
  });

  it('mergeBy dispatches each kind to its function', () => {
    const s = setup(6);
    const p = { wo: s.wo, wUp: s.wUp, alpha: s.alpha, gates: s.gates };
    expect(mergeBy('concat', s.heads, p).to2DArray()).toEqual(mergeConcat(s.heads, s.wo).to2DArray());
    expect(mergeBy('average', s.heads, p).to2DArray()).toEqual(mergeAverage(s.heads, s.wUp).to2DArray());
    expect(mergeBy('weighted', s.heads, p).to2DArray()).toEqual(mergeWeighted(s.heads, s.alpha, s.wUp).to2DArray());
    expect(mergeBy('gated', s.heads, p).to2DArray()).toEqual(mergeGated(s.heads, s.gates, s.wo).to2DArray());
  });

  it('never modify their inputs', () => {
    const s = setup(7);
    const snapshot = () => JSON.stringify([s.heads.map((m) => m.to2DArray()), s.wo.to2DArray(), s.wUp.to2DArray(), s.bias, s.alpha, s.gates]);
    const before = snapshot();
    mergeConcat(s.heads, s.wo, s.bias);
    mergeAverage(s.heads, s.wUp, s.bias);
    mergeWeighted(s.heads, s.alpha, s.wUp, s.bias);
    mergeGated(s.heads, s.gates, s.wo, s.bias);
    averagingAsConcat(s.wUp, s.h, s.alpha);
    mergeSignal('average', s.heads, { wo: s.wo, wUp: s.wUp, alpha: s.alpha, gates: s.gates });
    expect(snapshot()).toBe(before);
  });
});

describe('when concat + W_O and averaging are the same (exercise of lesson 5)', () => {
  it('identity: concat with W_O = h stacked copies of W_up/h equals averaging, for any heads', () => {
    for (const [seed, shape] of [[11, { h: 2, dK: 4 }], [12, { h: 4, dK: 3 }], [13, { h: 8, dK: 2 }], [14, { h: 1, dK: 5 }]] as const) {
      const s = setup(seed, shape);
      const wo = averagingAsConcat(s.wUp, s.h);
      expect([wo.rows, wo.columns]).toEqual([s.dModel, s.dModel]);
      expect(maxDiff(mergeConcat(s.heads, wo, s.bias), mergeAverage(s.heads, s.wUp, s.bias))).toBeLessThan(1e-12);
    }
  });
  it('with blocks scaled by α_i it equals the weighted average', () => {
    const s = setup(15);
    expect(maxDiff(mergeConcat(s.heads, averagingAsConcat(s.wUp, s.h, s.alpha)), mergeWeighted(s.heads, s.alpha, s.wUp))).toBeLessThan(1e-12);
  });
  it('a W_O whose blocks differ does not equal any averaging through a block of it', () => {
    const s = setup(16);
    const concat = mergeConcat(s.heads, s.wo);
    for (let i = 0; i < s.h; i++) {
      const block = s.wo.subMatrix(i * s.dK, (i + 1) * s.dK - 1, 0, s.dModel - 1);
      expect(maxDiff(concat, mergeAverage(s.heads, Matrix.mul(block, s.h)))).toBeGreaterThan(0.1);
    }
  });
  it('averaging’s output has rank at most d_k; concatenation’s can reach d_model', () => {
    const s = setup(17, { n: 12, h: 4, dK: 2 });
    const rank = (m: Matrix) => new SingularValueDecomposition(m).rank;
    expect(rank(mergeAverage(s.heads, s.wUp))).toBeLessThanOrEqual(s.dK);
    expect(rank(mergeConcat(s.heads, s.wo))).toBe(s.dModel);
  });
});

describe('mergeParameterCount', () => {
  it('concat costs d_model² (+ d_model) whatever h is; averaging d_model²/h; weighted and gated add h', () => {
    for (const h of [1, 2, 4, 8, 16]) {
      expect(mergeParameterCount('concat', { dModel: 512, h })).toBe(512 * 512 + 512);
      expect(mergeParameterCount('average', { dModel: 512, h, bias: false })).toBe((512 * 512) / h);
      expect(mergeParameterCount('weighted', { dModel: 512, h })).toBe(h + (512 * 512) / h + 512);
      expect(mergeParameterCount('gated', { dModel: 512, h, bias: false })).toBe(h + 512 * 512);
    }
    expect(mergeParameterCount('concat', { dModel: 512, h: 8 })).toBe(262_656);
    expect(mergeParameterCount('average', { dModel: 512, h: 8 })).toBe(33_280);
  });
  it('equals the numbers actually stored by the demonstration', () => {
    const ex = opposingHeadsExample({ seed: 2, dModel: 12, h: 3, r: 1 });
    const stored = { concat: ex.wo.rows * ex.wo.columns, average: ex.wUp.rows * ex.wUp.columns, weighted: ex.wUp.rows * ex.wUp.columns + ex.alpha.length, gated: ex.wo.rows * ex.wo.columns + ex.gates.length };
    for (const kind of MERGE_KINDS) expect(mergeParameterCount(kind, { dModel: 12, h: 3, bias: false }), kind).toBe(stored[kind]);
    // concat's W_O (with its bias) is one of the layer's four equal projections
    for (const dModel of [12, 512, 768]) expect(4 * mergeParameterCount('concat', { dModel, h: 4 })).toBe(parameterCount({ dModel, h: 4 }));
  });
  it('rejects an h that does not divide d_model, naming the nearest valid h, and unknown kinds', () => {
    expect(() => mergeParameterCount('average', { dModel: 512, h: 6 })).toThrow(/dModel \(512\) must be divisible by h \(6\).*4 or 8/);
    expect(() => mergeParameterCount('sum' as never, { dModel: 8, h: 2 })).toThrow(/unknown merge "sum": use one of concat, average, weighted, gated/);
  });
});

describe('errors that teach', () => {
  const s = setup(20);
  const cases: [string, () => unknown, RegExp][] = [
    ['no heads', () => mergeConcat([], s.wo), /at least one head/],
    ['heads of different shapes', () => mergeAverage([s.heads[0], randomMatrix(5, 4, mulberry32(1))], s.wUp), /head 2 is 5×4 but head 1 is 5×3/],
    ['W_O of the wrong height', () => mergeConcat(s.heads, s.wUp), /W_O has 3 rows but 4 heads of width d_k = 3 concatenate to 12 columns/],
    ['W_up of the wrong height', () => mergeAverage(s.heads, s.wo), /W_up has 12 rows .* d_k = 3/],
    ['weights not summing to 1', () => mergeWeighted(s.heads, [0.5, 0.5, 0.5, 0.5], s.wUp), /sum to 2, not 1; divide each by 2/],
    ['a negative weight', () => mergeWeighted(s.heads, [1.5, -0.5, 0, 0], s.wUp), /weight 2 is -0.5; .* cannot be negative/],
    ['too few weights', () => mergeWeighted(s.heads, [1], s.wUp), /1 weight for 4 heads; give exactly one weight per head/],
    ['a NaN weight', () => mergeWeighted(s.heads, [NaN, 0, 0, 1], s.wUp), /weight 1 is NaN; every weight must be a finite number/],
    ['a gate above 1', () => mergeGated(s.heads, [1, 1.2, 0, 0], s.wo), /gate 2 is 1.2; gates lie in \[0, 1\]/],
    ['a bias of the wrong length', () => mergeConcat(s.heads, s.wo, [1, 2]), /bias has length 2 but W has 12 columns/],
    ['one head in the demonstration', () => opposingHeadsExample({ seed: 1, dModel: 8, h: 1, r: 1 }), /at least 2 heads/],
    ['h not dividing d_model', () => opposingHeadsExample({ seed: 1, dModel: 16, h: 3, r: 1 }), /dModel \(16\) must be divisible by h \(3\); valid h near 3: 2 or 4/],
    ['a signal ratio that is not finite', () => opposingHeadsExample({ seed: 1, dModel: 8, h: 2, r: Infinity }), /r must be a finite number/],
  ];
  for (const [name, run, message] of cases) {
    it(name, () => {
      expect(run).toThrow(RangeError);
      expect(run).toThrow(message);
    });
  }
});

describe('two heads with opposite signals (the lesson’s demonstration)', () => {
  it('head 2 is exactly r times head 1, from real multi-head attention', () => {
    for (const r of [-1, 0.5, 2]) {
      const ex = opposingHeadsExample({ seed: 3, dModel: 16, h: 4, r });
      expect(maxDiff(ex.heads[1], Matrix.mul(ex.heads[0], r))).toBeLessThan(1e-12);
      expect(maxDiff(ex.trace.heads[1].weights, ex.trace.heads[0].weights)).toBe(0);
      expect(maxDiff(mergeConcat(ex.heads, ex.wo), ex.trace.output)).toBeLessThan(1e-12);
      expect(ex.alpha.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(ex.gates.every((g) => g >= 0.2 && g <= 1)).toBe(true);
    }
  });
  it('heads 1 and 2 of the demonstration come from the first two d_k-wide blocks of V', () => {
    const ex = opposingHeadsExample({ seed: 4, dModel: 12, h: 3, r: -1 });
    const vs = splitHeads(ex.trace.v, 3);
    expect(maxDiff(vs[1], Matrix.mul(vs[0], -1))).toBeLessThan(1e-12);
  });
  it('at r = −1 averaging cannot tell heads 1 and 2 from silence; concatenation can', () => {
    const ex = opposingHeadsExample({ seed: 3, dModel: 16, h: 4, r: -1 });
    const average = mergeSignal('average', ex.heads, ex);
    expect(average.distance).toBeLessThan(1e-12);
    expect(maxDiff(average.output, average.silenced)).toBeLessThan(1e-12);
    for (const kind of ['concat', 'gated'] as const) expect(mergeSignal(kind, ex.heads, ex).relative).toBeGreaterThan(0.5);
  });
  it('the weighted average cancels at r = −α₁/α₂ instead', () => {
    const probe = opposingHeadsExample({ seed: 3, dModel: 16, h: 4, r: 1 });
    const r = -probe.alpha[0] / probe.alpha[1];
    const ex = opposingHeadsExample({ seed: 3, dModel: 16, h: 4, r });
    expect(mergeSignal('weighted', ex.heads, ex).relative).toBeLessThan(1e-9);
    expect(mergeSignal('average', ex.heads, ex).relative).toBeCloseTo(Math.abs(1 + r), 9);
  });
  it('relative signal: 1 at r = 0 for every merge; |1 + r| for averaging', () => {
    const zero = opposingHeadsExample({ seed: 9, dModel: 8, h: 2, r: 0 });
    for (const kind of MERGE_KINDS) expect(mergeSignal(kind, zero.heads, zero).relative).toBeCloseTo(1, 12);
    for (const r of [-2, -0.5, 1, 3]) {
      const ex = opposingHeadsExample({ seed: 9, dModel: 8, h: 2, r });
      expect(mergeSignal('average', ex.heads, ex).relative).toBeCloseTo(Math.abs(1 + r), 10);
    }
  });
});
