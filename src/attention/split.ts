/**
 * Cutting Q, K and V into h heads of d_k columns, and putting the heads' outputs back side
 * by side.
 */
import { Matrix } from 'ml-matrix';
import { headDim } from './heads';

/**
 * Split a (n, d_model) matrix into h heads: head i takes columns [i·d_k, (i+1)·d_k).
 *
 * @returns h new (n, d_k) matrices.
 */
export function splitHeads(m: Matrix, h: number): Matrix[] {
  const dK = headDim(m.columns, h);
  return Array.from({ length: h }, (_, i) => m.subMatrix(0, m.rows - 1, i * dK, (i + 1) * dK - 1)); // (n, dK)
}

/**
 * Concatenate head outputs side by side, in head order: h × (n, d_k) → (n, h·d_k).
 */
export function mergeHeads(heads: readonly Matrix[]): Matrix {
  if (heads.length === 0) throw new RangeError('mergeHeads needs at least one head');
  const n = heads[0].rows;
  const dK = heads[0].columns;
  const out = Matrix.zeros(n, dK * heads.length); // (n, h·dK)
  heads.forEach((head, i) => {
    if (head.rows !== n || head.columns !== dK) {
      throw new RangeError(`head ${i} is ${head.rows}×${head.columns}; every head must be ${n}×${dK}`);
    }
    out.setSubMatrix(head, 0, i * dK);
  });
  return out;
}
