// The PyTorch reference cases (tests/fixtures/mha-torch.json) and helpers to compare with them.
// MHA_TORCH_FIXTURE=FILE runs the same tests on another file, such as one just written by
// `npm run fixtures -- --seed N --out FILE`.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { Matrix } from 'ml-matrix';
import type { MhaWeights } from '../../src/attention';
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

/** Every case of the fixture. */
export function goldenCases(): GoldenCase[] {
  const file = process.env.MHA_TORCH_FIXTURE;
  return ((file ? JSON.parse(readFileSync(file, 'utf8')) : golden) as { cases: GoldenCase[] }).cases;
}
