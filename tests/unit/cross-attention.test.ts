// Cross-attention: multiHeadAttention with a context. Queries from x, keys and values from
// the context; checked against a plain-loop reference written here, and by identities.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { countParameters, mulberry32, multiHeadAttention, randomMatrix, type MhaWeights } from '../../src/attention';

const maxDiff = (a: Matrix, b: Matrix) => Matrix.sub(a, b).abs().max();

function randomWeights(dModel: number, seed: number): MhaWeights {
  const rng = mulberry32(seed);
  const w = () => randomMatrix(dModel, dModel, rng, 1 / Math.sqrt(dModel));
  const b = () => randomMatrix(1, dModel, rng, 0.1).getRow(0);
  return { wq: w(), wk: w(), wv: w(), wo: w(), bq: b(), bk: b(), bv: b(), bo: b() };
}

/** Cross-attention with loops over numbers only: no ml-matrix products, no shared helpers. */
function loopReference(x: number[][], c: number[][], w: MhaWeights, h: number): number[][] {
  const d = x[0].length;
  const dK = d / h;
  const W = (m: Matrix) => m.to2DArray();
  const proj = (rows: number[][], m: number[][], b: number[]) => rows.map((r) => b.map((bj, j) => r.reduce((s, v, i) => s + v * m[i][j], bj)));
  const q = proj(x, W(w.wq), w.bq!);
  const k = proj(c, W(w.wk), w.bk!);
  const v = proj(c, W(w.wv), w.bv!);
  const concat = x.map(() => new Array<number>(d).fill(0));
  for (let head = 0; head < h; head++) {
    const cols = Array.from({ length: dK }, (_, t) => head * dK + t);
    for (let i = 0; i < x.length; i++) {
      const s = k.map((kj) => cols.reduce((acc, col) => acc + q[i][col] * kj[col], 0) / Math.sqrt(dK));
      const top = Math.max(...s);
      const e = s.map((sj) => Math.exp(sj - top));
      const z = e.reduce((a, b) => a + b, 0);
      for (const col of cols) concat[i][col] = e.reduce((acc, ej, j) => acc + (ej / z) * v[j][col], 0);
    }
  }
  return proj(concat, W(w.wo), w.bo!);
}

describe('multiHeadAttention with a context (cross-attention)', () => {
  const dModel = 12, h = 3;
  const rng = mulberry32(42);
  const x = randomMatrix(4, dModel, rng); // 4 target tokens (queries)
  const context = randomMatrix(7, dModel, rng); // 7 source tokens (keys and values)
  const weights = randomWeights(dModel, 5);

  it('has n_q × n_k maps, n_q output rows, and rows that sum to 1', () => {
    const r = multiHeadAttention(x, weights, { h, context });
    expect([r.output.rows, r.output.columns]).toEqual([4, dModel]);
    expect([r.q.rows, r.k.rows, r.v.rows]).toEqual([4, 7, 7]);
    for (const head of r.heads) {
      expect([head.weights.rows, head.weights.columns]).toEqual([4, 7]);
      expect([head.scores.rows, head.scores.columns]).toEqual([4, 7]);
      for (let i = 0; i < 4; i++) expect(head.weights.getRow(i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('equals a loop-by-loop reference to 1e-12', () => {
    const r = multiHeadAttention(x, weights, { h, context });
    expect(maxDiff(r.output, new Matrix(loopReference(x.to2DArray(), context.to2DArray(), weights, h)))).toBeLessThan(1e-12);
  });

  it('is self-attention when the context is x itself', () => {
    const self = multiHeadAttention(x, weights, { h });
    const cross = multiHeadAttention(x, weights, { h, context: x.clone() });
    expect(maxDiff(cross.output, self.output)).toBe(0);
    const causalSelf = multiHeadAttention(x, weights, { h, causal: true });
    const causalCross = multiHeadAttention(x, weights, { h, causal: true, context: x.clone() });
    expect(maxDiff(causalCross.output, causalSelf.output)).toBe(0);
  });

  it('does not depend on the order of the context rows (keys and values move together)', () => {
    const order = [3, 0, 6, 1, 5, 2, 4];
    const shuffled = new Matrix(order.map((i) => context.getRow(i)));
    const a = multiHeadAttention(x, weights, { h, context }).output;
    const b = multiHeadAttention(x, weights, { h, context: shuffled }).output;
    expect(maxDiff(a, b)).toBeLessThan(1e-12);
  });

  it('computes each query row on its own: dropping target tokens drops only their rows', () => {
    const full = multiHeadAttention(x, weights, { h, context }).output;
    const firstTwo = multiHeadAttention(x.subMatrix(0, 1, 0, dModel - 1), weights, { h, context }).output;
    expect(maxDiff(firstTwo, full.subMatrix(0, 1, 0, dModel - 1))).toBeLessThan(1e-12);
  });

  it('uses the same four matrices: the parameter count does not change', () => {
    expect(countParameters(weights)).toBe(4 * dModel * dModel + 4 * dModel);
  });

  it('does not modify x or the context', () => {
    const [x0, c0] = [x.clone(), context.clone()];
    multiHeadAttention(x, weights, { h, context, headMask: [1, 0, 1] });
    expect(x.to2DArray()).toEqual(x0.to2DArray());
    expect(context.to2DArray()).toEqual(c0.to2DArray());
  });

  it('errors teach: a context of another width, causal with a context of another length', () => {
    expect(() => multiHeadAttention(x, weights, { h, context: randomMatrix(7, 8, rng) })).toThrow(
      /the context has 8 columns but x has d_model = 12.*project the other sequence to d_model/,
    );
    expect(() => multiHeadAttention(x, weights, { h, causal: true, context })).toThrow(
      /causal needs a query and a key at every position, but there are 4 queries and 7 context rows.*leave causal off/,
    );
    expect(() => multiHeadAttention(x, weights, { h, causal: true, context })).toThrow(RangeError);
    expect(() => multiHeadAttention(x, weights, { h: 2, rope: true, context })).toThrow(/rope with a context.*leave rope off for cross-attention/);
  });
});
