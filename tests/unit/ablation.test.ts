// The fast masked evaluator computes what evaluate() computes, under any head mask, with
// its caches in any order; and the mask helpers.
import { describe, expect, it } from 'vitest';
import checkpoint from '../../content/lab/checkpoint.json';
import { Matrix } from 'ml-matrix';
import { multiHeadAttention, mulberry32, randomMatrix } from '../../src/attention';
import {
  evaluate, firstHeads, forward, fullMask, labConfig, labTestSets, MaskedEvaluator, maskedSum, parseCheckpoint, type HeadMask, type LayerStep, type ModelConfig,
} from '../../src/training';

/** A seeded random 0/1 mask. */
function mulberry32Mask(c: Pick<ModelConfig, 'layers' | 'h'>, seed: number): HeadMask {
  const rng = mulberry32(seed);
  return Array.from({ length: c.layers }, () => Array.from({ length: c.h }, () => (rng() < 0.5 ? 0 : 1)));
}

const { params, settings } = parseCheckpoint(checkpoint);
const c = labConfig(settings);
const examples = labTestSets(settings).test.slice(0, 48);

describe('MaskedEvaluator', () => {
  const ev = new MaskedEvaluator(params, c, examples, { cacheSize: 3 }); // small cache: evictions happen
  const masks: HeadMask[] = [fullMask(c), firstHeads(c, 0), firstHeads(c, 1), ...Array.from({ length: 14 }, (_, i) => mulberry32Mask(c, i + 1))];
  it('gives the accuracy, loss and answers of evaluate() and forward() under every mask tried', () => {
    for (const mask of [...masks, ...masks.slice().reverse()]) {
      const fast = ev.run(mask);
      const slow = evaluate(params, c, examples, mask);
      expect(fast.accuracy, JSON.stringify(mask)).toBe(slow.accuracy);
      expect(Math.abs(fast.loss - slow.loss)).toBeLessThan(1e-9);
    }
    const { logits } = forward(params, c, examples.slice(0, 3).map((e) => e.tokens), masks[5]);
    const rows = Array.from({ length: logits.length / c.vocab }, (_, r) => Array.from(logits.subarray(r * c.vocab, (r + 1) * c.vocab)));
    const answers = Array.from(ev.run(masks[5]).predicted.slice(0, rows.length));
    expect(answers).toEqual(rows.map((row) => row.indexOf(Math.max(...row))));
  });
  it('removing heads changes the result, and the mask is checked', () => {
    expect(ev.run(firstHeads(c, 0)).accuracy).toBeLessThan(ev.run().accuracy - 0.3);
    expect(() => ev.run([[1, 1, 1, 1]])).toThrow(/2 rows of 4 heads/);
    expect(() => new MaskedEvaluator(params, c, [])).toThrow(/at least one example/);
    expect(() => new MaskedEvaluator(params, c, [{ tokens: [9, 1], targets: [-1, 0] }])).toThrow(/token 9 is outside the vocabulary 0–6/);
  });
});

describe('MaskedEvaluator.runWithSum, the path of a reader\'s maskedSum', () => {
  const ev = new MaskedEvaluator(params, c, examples, { cacheSize: 3 });
  const course = async ({ input, contributions, xi }: LayerStep) => maskedSum(input, contributions, xi);
  it('with the course\'s maskedSum gives the same bits as run(), under masks that reach layer 2 and with runs in between', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const mask = mulberry32Mask(c, seed);
      const pending = ev.runWithSum(mask, async (step) => {
        ev.run(mulberry32Mask(c, 100 + step.layer)); // another run between the steps (the widget warms its cache when idle)
        expect(step.course().to2DArray()).toEqual(maskedSum(step.input, step.contributions, step.xi).to2DArray()); // the flat sum, the same bits
        return course(step);
      });
      const fast = ev.run(mask);
      const slow = await pending;
      expect(slow.accuracy, JSON.stringify(mask)).toBe(fast.accuracy);
      expect(slow.loss).toBe(fast.loss);
      expect(Array.from(slow.predicted)).toEqual(Array.from(fast.predicted));
    }
  });
  it('follows the sum it is given: one that ignores ξ brings every switched-off head back', async () => {
    const off = firstHeads(c, 0);
    expect(ev.run(off).accuracy).toBeLessThan(0.5);
    const ignoresXi = await ev.runWithSum(off, (step) => course({ ...step, xi: step.xi.map(() => 1) }));
    expect(ignoresXi.accuracy).toBe(ev.run(fullMask(c)).accuracy);
  });
  it('names the layer whose sum has the wrong shape, and passes on what the sum throws', async () => {
    await expect(ev.runWithSum(fullMask(c), async ({ input }) => input.subMatrix(0, 3, 0, 3))).rejects.toThrow(/layer 1's sum is 4×4; it must be \d+×16/);
    await expect(ev.runWithSum(fullMask(c), async () => { throw new Error('line 2: oops'); })).rejects.toThrow('line 2: oops');
    await expect(ev.runWithSum([[1, 1]], course)).rejects.toThrow(/2 rows of 4 heads/);
  });
});

describe('firstHeads', () => {
  it('keeps the first k heads of every layer', () => {
    expect(firstHeads({ layers: 2, h: 4 }, 2)).toEqual([[1, 1, 0, 0], [1, 1, 0, 0]]);
    expect(firstHeads({ layers: 1, h: 3 }, 3)).toEqual([[1, 1, 1]]);
    expect(() => firstHeads({ layers: 1, h: 4 }, 5)).toThrow(/from 0 to h \(4\)/);
  });
});

describe('maskedSum, the plain ml-matrix masked sum lesson 7 shows', () => {
  it('is the residual plus the layer output under the head mask: Σ_h ξ_h · head_h · W_O^h = concat(ξ_h · head_h) · W_O', () => {
    const rng = mulberry32(7);
    const [n, dModel, h] = [5, 8, 4];
    const dK = dModel / h;
    const x = randomMatrix(n, dModel, rng);
    const w = { wq: randomMatrix(dModel, dModel, rng), wk: randomMatrix(dModel, dModel, rng), wv: randomMatrix(dModel, dModel, rng), wo: randomMatrix(dModel, dModel, rng) };
    const xi = [1, 0, 1, 0.5];
    const full = multiHeadAttention(x, w, { h, causal: true });
    // head_h · W_O^h: head h's output times the d_k rows of W_O that read it
    const terms = full.heads.map((head, i) => head.output.mmul(w.wo.subMatrix(i * dK, (i + 1) * dK - 1, 0, dModel - 1))); // (n, dK)·(dK, dModel) → (n, dModel)
    const expected = Matrix.add(x, multiHeadAttention(x, w, { h, causal: true, headMask: xi }).output);
    const got = maskedSum(x, terms, xi);
    expect(Math.max(...got.sub(expected).abs().to1DArray())).toBeLessThan(1e-12);
    expect(maskedSum(x, terms, [0, 0, 0, 0]).to2DArray()).toEqual(x.to2DArray()); // every head off: the residual alone
    expect(x.to2DArray()).toEqual(randomMatrix(n, dModel, mulberry32(7)).to2DArray()); // the input is not modified
  });

  it('adds in the order the evaluator does, so the flat version gives the same bits', () => {
    const rng = mulberry32(3);
    const input = randomMatrix(6, 4, rng);
    const terms = [randomMatrix(6, 4, rng), randomMatrix(6, 4, rng), randomMatrix(6, 4, rng)];
    const xi = [1, 0, 1];
    const flat = Float64Array.from(input.to1DArray());
    terms.forEach((c, head) => { if (xi[head] !== 0) c.to1DArray().forEach((v, i) => { flat[i] += xi[head] * v; }); });
    expect(maskedSum(input, terms, xi).to1DArray()).toEqual([...flat]);
  });

  it('says what is wrong with its arguments', () => {
    const m = new Matrix(2, 3);
    expect(() => maskedSum(m, [m, m], [1])).toThrow(/one ξ per head: 2 heads, 1 values/);
    expect(() => maskedSum(m, [new Matrix(3, 2)], [1])).toThrow(/head 0's term is 3×2, the input 2×3/);
  });
});
