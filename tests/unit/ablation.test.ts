// The fast masked evaluator computes what evaluate() computes, under any head mask, with
// its caches in any order; and the mask helpers.
import { describe, expect, it } from 'vitest';
import checkpoint from '../../content/lab/checkpoint.json';
import { mulberry32 } from '../../src/attention';
import {
  evaluate, firstHeads, forward, fullMask, labConfig, labTestSets, MaskedEvaluator, parseCheckpoint, type HeadMask, type ModelConfig,
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

describe('firstHeads', () => {
  it('keeps the first k heads of every layer', () => {
    expect(firstHeads({ layers: 2, h: 4 }, 2)).toEqual([[1, 1, 0, 0], [1, 1, 0, 0]]);
    expect(firstHeads({ layers: 1, h: 3 }, 3)).toEqual([[1, 1, 1]]);
    expect(() => firstHeads({ layers: 1, h: 4 }, 5)).toThrow(/from 0 to h \(4\)/);
  });
});
