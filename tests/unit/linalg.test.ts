// The fast products and the one-buffer matrices of src/attention/linalg.ts: the same
// numbers as ml-matrix, and matrices that behave as ml-matrix matrices.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { matmul, matmulTA, matmulTB, mulberry32, randomMatrix, rows, zeros } from '../../src/attention';

const rng = mulberry32(3);
const close = (a: Matrix, b: Matrix) => Math.max(...a.to1DArray().map((v, i) => Math.abs(v - b.to1DArray()[i])));

describe('linalg', () => {
  it('products agree with ml-matrix mmul', () => {
    const a = randomMatrix(5, 3, rng);
    const b = randomMatrix(3, 4, rng);
    const c = randomMatrix(5, 4, rng);
    expect(close(matmul(a, b), a.mmul(b))).toBeLessThan(1e-14);
    expect(close(matmulTA(a, c), a.transpose().mmul(c))).toBeLessThan(1e-14);
    expect(close(matmulTB(c, b), c.mmul(b.transpose()))).toBeLessThan(1e-14);
    expect(() => matmul(a, c)).toThrow(/inner sizes 3 and 5 differ/);
  });
  it('zeros() is an ordinary Matrix whose rows do not overlap', () => {
    const z = zeros(3, 2);
    expect(Matrix.isMatrix(z)).toBe(true);
    expect([z.rows, z.columns]).toEqual([3, 2]);
    expect(z.to2DArray()).toEqual([[0, 0], [0, 0], [0, 0]]);
    z.set(1, 1, 5);
    rows(z)[2][0] = 7;
    expect(z.to2DArray()).toEqual([[0, 0], [0, 5], [7, 0]]);
    expect(z.mmul(Matrix.eye(2)).to2DArray()).toEqual(z.to2DArray());
    expect(z.clone().transpose().to2DArray()).toEqual([[0, 0, 7], [0, 5, 0]]);
    expect(zeros(0, 4).rows).toBe(0);
  });
});
