// Causal and padding masks (src/attention/mask.ts) and the keyLength option of the
// attention functions: values, errors, and the identities the lessons state.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import {
  applyCausalMask, applyPaddingMask, causalMask, mulberry32, multiHeadAttention, paddingMask, randomMatrix,
  scaledDotProductAttention, softmaxRows,
} from '../../src/attention';
import { batchedMultiHeadAttention, stackMatrices, tensorOf } from '../../src/attention/demos';
import { masksFigures, masksNumbers, masksValues } from '../../src/build/figures/masks';
import { buildDocument } from '../../src/lib/document';

const maxDiff = (a: Matrix, b: Matrix) => Math.max(...a.to1DArray().map((v, i) => Math.abs(v - b.to1DArray()[i])));
/** Rows [0, rows) of m. */
const top = (m: Matrix, rows: number) => m.subMatrix(0, rows - 1, 0, m.columns - 1);
/** m with rows appended at the end, drawn at random: what the padding positions hold does not matter. */
const padRows = (m: Matrix, n: number, rng: () => number) =>
  n === m.rows ? m.clone() : new Matrix([...m.to2DArray(), ...randomMatrix(n - m.rows, m.columns, rng, 5).to2DArray()]);

describe('causalMask', () => {
  it('is 0 on and below the diagonal and −∞ above it, also for more keys than queries', () => {
    expect(causalMask(3).to2DArray()).toEqual([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]]);
    expect(causalMask(2, 4).to2DArray()).toEqual([[0, -Infinity, -Infinity, -Infinity], [0, 0, -Infinity, -Infinity]]);
  });
  it('applyCausalMask leaves its input alone and gives future keys weight exactly 0', () => {
    const s = randomMatrix(5, 5, mulberry32(1));
    const before = s.to2DArray();
    const w = softmaxRows(applyCausalMask(s));
    expect(s.to2DArray()).toEqual(before);
    for (let i = 0; i < 5; i++) for (let j = i + 1; j < 5; j++) expect(w.get(i, j)).toBe(0);
    expect(w.getRow(0)).toEqual([1, 0, 0, 0, 0]);
  });
  it('row i of causal attention is query i attending to keys 0 … i alone (what decoding one token at a time computes)', () => {
    const rng = mulberry32(7);
    const [n, dK] = [6, 4];
    const [q, k, v] = [randomMatrix(n, dK, rng), randomMatrix(n, dK, rng), randomMatrix(n, dK, rng)];
    const full = scaledDotProductAttention(q, k, v, { causal: true }).output;
    for (let i = 0; i < n; i++) {
      const step = scaledDotProductAttention(q.subMatrix(i, i, 0, dK - 1), top(k, i + 1), top(v, i + 1)).output; // (1, dK)
      expect(maxDiff(step, full.subMatrix(i, i, 0, dK - 1)), `row ${i}`).toBeLessThan(1e-12);
    }
    // without the mask, row 0 would depend on later keys: the mask is what makes this true
    const open = scaledDotProductAttention(q, k, v).output;
    expect(maxDiff(open.subMatrix(0, 0, 0, dK - 1), full.subMatrix(0, 0, 0, dK - 1))).toBeGreaterThan(1e-3);
  });
});

describe('paddingMask', () => {
  it('has one row per sequence: 0 over its real tokens, −∞ over its padding', () => {
    expect(paddingMask([3, 1, 0], 3).to2DArray()).toEqual([[0, 0, 0], [0, -Infinity, -Infinity], [-Infinity, -Infinity, -Infinity]]);
  });
  it('explains bad lengths', () => {
    expect(() => paddingMask([2, 5], 4)).toThrow(/sequence 1 has length 5.*from 0 to the padded length 4; pad the batch to the longest/);
    expect(() => paddingMask([1.5], 4)).toThrow(/sequence 0 has length 1.5/);
    expect(() => paddingMask([-1], 4)).toThrow(/length -1/);
    expect(() => paddingMask([1], 0)).toThrow(/positive whole number, got 0/);
    expect(() => scaledDotProductAttention(Matrix.ones(2, 2), Matrix.ones(2, 2), Matrix.ones(2, 2), { keyLength: 3 })).toThrow(/length 3.*padded length 2/);
  });
  it('applyPaddingMask hides key columns j ≥ length from every query row and leaves its input alone', () => {
    const s = randomMatrix(4, 4, mulberry32(2));
    const before = s.to2DArray();
    const masked = applyPaddingMask(s, 2);
    expect(s.to2DArray()).toEqual(before);
    for (let i = 0; i < 4; i++) {
      expect(masked.getRow(i).slice(0, 2)).toEqual(before[i].slice(0, 2));
      expect(masked.getRow(i).slice(2)).toEqual([-Infinity, -Infinity]);
    }
  });
  it('a fully masked row gives zero weights and a zero output, not NaN (the course softmax on an all −∞ row)', () => {
    const rng = mulberry32(3);
    const [q, k, v] = [randomMatrix(3, 4, rng), randomMatrix(3, 4, rng), randomMatrix(3, 4, rng)];
    const { weights, output } = scaledDotProductAttention(q, k, v, { keyLength: 0 });
    expect(weights.to1DArray().every((w) => w === 0)).toBe(true);
    expect(output.to1DArray().every((o) => o === 0)).toBe(true);
  });
});

describe('padding a sequence changes nothing on its real tokens', () => {
  const rng = mulberry32(11);
  const [n, d, h] = [7, 8, 2];
  const w = { wq: randomMatrix(d, d, rng, 0.4), wk: randomMatrix(d, d, rng, 0.4), wv: randomMatrix(d, d, rng, 0.4), wo: randomMatrix(d, d, rng, 0.4) };
  const lengths = [7, 4, 1, 5];
  const alone = lengths.map((len) => randomMatrix(len, d, rng));
  const padded = alone.map((x) => padRows(x, n, rng));

  it('one head: keyLength on a padded sequence equals the sequence run alone, to 1e-12', () => {
    alone.forEach((x, b) => {
      const len = lengths[b];
      const ref = scaledDotProductAttention(x, x, x).output;
      const got = scaledDotProductAttention(padded[b], padded[b], padded[b], { keyLength: len }).output;
      expect(maxDiff(top(got, len), ref), `sequence ${b}`).toBeLessThan(1e-12);
    });
  });

  it('one causal head: padding and the causal mask together still equal the sequence alone, to 1e-12', () => {
    alone.forEach((x, b) => {
      const len = lengths[b];
      const ref = scaledDotProductAttention(x, x, x, { causal: true }).output;
      const got = scaledDotProductAttention(padded[b], padded[b], padded[b], { causal: true, keyLength: len }).output;
      expect(maxDiff(top(got, len), ref), `sequence ${b}`).toBeLessThan(1e-12);
    });
  });

  it('without the padding mask, the real tokens of a bidirectional head read the padding', () => {
    const b = 1; // length 4 of 7
    const ref = multiHeadAttention(alone[b], w, { h }).output;
    const leaky = multiHeadAttention(padded[b], w, { h }).output;
    expect(maxDiff(top(leaky, lengths[b]), ref)).toBeGreaterThan(1e-3);
  });

  it('with right padding, the causal mask alone already hides the padding from every real token', () => {
    const b = 1;
    const ref = multiHeadAttention(alone[b], w, { h, causal: true }).output;
    const causalOnly = multiHeadAttention(padded[b], w, { h, causal: true }).output;
    expect(maxDiff(top(causalOnly, lengths[b]), ref)).toBeLessThan(1e-12);
  });

  it('the batched layer of lesson 3 with lengths equals each sequence run alone, to 1e-12', () => {
    const t = { wq: tensorOf(w.wq), wk: tensorOf(w.wk), wv: tensorOf(w.wv), wo: tensorOf(w.wo) };
    const { output, steps } = batchedMultiHeadAttention(stackMatrices(padded), t, h, { lengths });
    alone.forEach((x, b) => {
      const ref = multiHeadAttention(x, w, { h }).output;
      for (let i = 0; i < lengths[b]; i++) for (let j = 0; j < d; j++) expect(Math.abs(output.get(b, i, j) - ref.get(i, j))).toBeLessThan(1e-12);
    });
    expect(steps.map((s) => s.name)).toContain('masked');
    expect(steps.find((s) => s.name === 'masked')!.shape).toEqual([lengths.length, h, n, n]);
    expect(() => batchedMultiHeadAttention(stackMatrices(padded), t, h, { lengths: [7, 4] })).toThrow(/2 lengths for a batch of 4 sequences/);
    expect(() => batchedMultiHeadAttention(stackMatrices(padded), t, h, { lengths: [7, 4, 1, 8] })).toThrow(/sequence 3 has length 8/);
  });
});

describe('the lessons\' mask figures and numbers', () => {
  it('lesson 1: the causal figure greys exactly the upper triangle; decoding one query at a time matches to 1e-12', () => {
    const { svg, table } = masksFigures['causal-mask'](buildDocument());
    const n = table.rows.length;
    expect(svg.querySelectorAll('g.hm-cells rect').length).toBe(n * n);
    expect(svg.querySelectorAll('rect[data-masked]').length).toBe((n * (n - 1)) / 2);
    expect(table.rows[0].slice(1)).toEqual(['1.000', ...Array(n - 1).fill('masked')]);
    expect(masksValues.causal()).toBeLessThan(1e-12);
    expect(masksNumbers['masks.causal.decodeDiff']()).toMatch(/^(0|\d\.\de-1[3-9])$/);
  });
  it('lesson 3: padding keys masked for every query, padding queries faded; the mask removes a difference the padding makes', () => {
    const { svg, table } = masksFigures['padding-mask'](buildDocument());
    const { length, n, maskedDiff, unmaskedDiff } = masksValues.padded();
    expect(svg.querySelectorAll('rect[data-masked]').length).toBe(n * (n - length));
    expect(svg.querySelectorAll('rect[data-faded]').length).toBe((n - length) * length);
    expect(table.rows.filter((r) => String(r[0]).endsWith('(ignored)')).length).toBe(n - length);
    expect(maskedDiff).toBeLessThan(1e-12);
    expect(unmaskedDiff).toBeGreaterThan(0.1);
    expect(masksNumbers['masks.padding.unmaskedDiff']()).toBe(unmaskedDiff.toFixed(2));
  });
});
