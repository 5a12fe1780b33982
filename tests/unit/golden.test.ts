// Every case of tests/fixtures/mha-torch.json (PyTorch 1.13, float64, see
// mha-torch.README.md) must be reproduced to 1e-9: the output and each head's weights.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { multiHeadAttention, type MhaWeights } from '../../src/attention';
import golden from '../fixtures/mha-torch.json';

export interface GoldenCase {
  name: string; n: number; dModel: number; h: number; causal: boolean;
  x: number[][]; wq: number[][]; wk: number[][]; wv: number[][]; wo: number[][];
  bq?: number[]; bk?: number[]; bv?: number[]; bo?: number[]; headMask?: number[];
  expected: { output: number[][]; attention: number[][][] };
  upstream: number[][];
  gradients: Record<string, number[][] | number[]>;
}

export function weightsOf(c: GoldenCase): MhaWeights {
  return {
    wq: new Matrix(c.wq), wk: new Matrix(c.wk), wv: new Matrix(c.wv), wo: new Matrix(c.wo),
    bq: c.bq, bk: c.bk, bv: c.bv, bo: c.bo,
  };
}

export function maxAbsDiff(a: Matrix, b: number[][]): number {
  expect([a.rows, a.columns]).toEqual([b.length, b[0].length]);
  let worst = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) worst = Math.max(worst, Math.abs(a.get(i, j) - b[i][j]));
  return worst;
}

const cases = (golden as { cases: GoldenCase[] }).cases;

describe('multiHeadAttention against PyTorch (float64)', () => {
  it('has the cases the fixture promises', () => expect(cases.length).toBeGreaterThanOrEqual(9));
  for (const c of cases) {
    it(`${c.name}: output and every head's weights to 1e-9`, () => {
      const trace = multiHeadAttention(new Matrix(c.x), weightsOf(c), { h: c.h, causal: c.causal, headMask: c.headMask });
      expect(maxAbsDiff(trace.output, c.expected.output)).toBeLessThan(1e-9);
      expect(trace.heads).toHaveLength(c.h);
      trace.heads.forEach((head, i) => expect(maxAbsDiff(head.weights, c.expected.attention[i])).toBeLessThan(1e-9));
    });
  }
});
