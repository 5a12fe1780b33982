import { describe, expect, it } from 'vitest';
import { countParameters } from '../../src/attention';
import { compareOneAndTwoHeads, oneHeadWeights, twoHeadWeights, twoRelationsInput } from '../../src/attention/demos';

const tokens = 'c a b d a e f b'.split(' ');
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('two relations: previous token and first token', () => {
  it('two heads each take one relation and reach the target as β grows', () => {
    const r = compareOneAndTwoHeads(tokens, 20);
    expect(Math.max(...r.distanceTwo)).toBeLessThan(1e-6);
    // head 1 looks at i−1, head 2 at position 0
    for (let i = 1; i < tokens.length; i++) {
      expect(r.two.heads[0].weights.get(i, i - 1)).toBeGreaterThan(0.999);
      expect(r.two.heads[1].weights.get(i, 0)).toBeGreaterThan(0.999);
    }
  });
  it('one head splits its weight half and half and blurs both answers', () => {
    const r = compareOneAndTwoHeads(tokens, 20);
    for (let i = 2; i < tokens.length; i++) {
      expect(r.one.heads[0].weights.get(i, i - 1)).toBeCloseTo(0.5, 6);
      expect(r.one.heads[0].weights.get(i, 0)).toBeCloseTo(0.5, 6);
      // distance is 1 when token i−1 differs from token 0, 0 when they are the same letter
      expect(r.distanceOne[i]).toBeCloseTo(tokens[i - 1] === tokens[0] ? 0 : 1, 6);
    }
    expect(mean(r.distanceOne)).toBeGreaterThan(0.5);
  });
  it('at β = 0 both are uniform and both miss', () => {
    const r = compareOneAndTwoHeads(tokens, 0);
    expect(r.two.heads[0].weights.get(3, 0)).toBeCloseTo(0.25, 12);
    expect(mean(r.distanceTwo)).toBeGreaterThan(0.3);
  });
  it('both models have the same parameter count: four 24×24 matrices', () => {
    expect(countParameters(oneHeadWeights(5))).toBe(4 * 24 * 24);
    expect(countParameters(twoHeadWeights(5))).toBe(4 * 24 * 24);
  });
  it('rejects letters outside a–f and lengths outside 1–10, saying what is allowed', () => {
    expect(() => twoRelationsInput(['a', 'z'])).toThrow(/“z” is not one of the letters a, b, c, d, e, f/);
    expect(() => twoRelationsInput([])).toThrow(/use 1 to 10/);
    expect(() => twoRelationsInput(Array(11).fill('a'))).toThrow(/11 tokens/);
  });
});

import { Matrix } from 'ml-matrix';
import { mulberry32, randomMatrix } from '../../src/attention';
import { splitDifference, projectThenSplit, perHeadProjections } from '../../src/attention/demos';

describe('one big projection then a split = h small projections', () => {
  it('agree for many (d_model, h), to the last bit here', () => {
    for (const [d, h] of [[8, 2], [12, 3], [16, 4], [24, 6], [32, 8], [64, 8], [64, 64]]) {
      const rng = mulberry32(d * 100 + h);
      const x = randomMatrix(5, d, rng);
      const wq = randomMatrix(d, d, rng);
      const diff = splitDifference(x, wq, h);
      expect(diff).toHaveLength(h);
      expect(Math.max(...diff)).toBeLessThan(1e-12);
      expect(projectThenSplit(x, wq, h)[h - 1].columns).toBe(d / h);
    }
  });
  it('a wrong block would differ: the check can fail', () => {
    const rng = mulberry32(3);
    const x = randomMatrix(4, 8, rng);
    const wq = randomMatrix(8, 8, rng);
    const [a] = projectThenSplit(x, wq, 2);
    const [, b] = perHeadProjections(x, wq, 2);
    expect(Matrix.sub(a, b).abs().max()).toBeGreaterThan(0.1);
  });
  it('h that does not divide d_model is refused, naming both', () => {
    expect(() => splitDifference(Matrix.ones(2, 10), Matrix.ones(10, 10), 4)).toThrow(/dModel \(10\) must be divisible by h \(4\)/);
  });
});
