// mhaGradients against PyTorch autograd (tests/fixtures/mha-torch.json, float64), to 1e-9.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { mhaGradients } from '../../src/training';
import { goldenCases, maxAbsDiff, weightsOf } from '../support/golden';

const cases = goldenCases();
const vecDiff = (a: number[], b: number[]) => {
  expect(a.length).toBe(b.length);
  return Math.max(0, ...a.map((v, i) => Math.abs(v - b[i])));
};

describe('mhaGradients against PyTorch autograd', () => {
  for (const c of cases) {
    it(`${c.name}: every gradient to 1e-9`, () => {
      const g = mhaGradients(new Matrix(c.x), weightsOf(c), { h: c.h, causal: c.causal, headMask: c.headMask }, new Matrix(c.upstream));
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
