import { Matrix } from 'ml-matrix';
import { headDim } from '../heads';
import { splitHeads } from '../split';

/**
 * What implementations do: one big d_model×d_model projection, then cut the result
 * into h column blocks of width d_k.
 *
 * @returns h matrices of shape (n, d_k).
 */
export function projectThenSplit(x: Matrix, wq: Matrix, h: number): Matrix[] {
  const q = x.mmul(wq); // (n, dModel)·(dModel, dModel) → (n, dModel)
  return splitHeads(q, h); // h × (n, dK)
}

/**
 * What the paper writes: h separate projections W_Q^i of shape d_model×d_k. Here
 * W_Q^i is taken as columns [i·d_k, (i+1)·d_k) of the same big matrix.
 *
 * @returns h matrices of shape (n, d_k).
 */
export function perHeadProjections(x: Matrix, wq: Matrix, h: number): Matrix[] {
  const dK = headDim(wq.columns, h);
  return Array.from({ length: h }, (_, i) => {
    const wqi = wq.subMatrix(0, wq.rows - 1, i * dK, (i + 1) * dK - 1); // (dModel, dK)
    return x.mmul(wqi); // (n, dModel)·(dModel, dK) → (n, dK)
  });
}

/** The largest |difference| between the two ways, per head. */
export function splitDifference(x: Matrix, wq: Matrix, h: number): number[] {
  const big = projectThenSplit(x, wq, h);
  const small = perHeadProjections(x, wq, h);
  return big.map((b, i) => Matrix.sub(b, small[i]).abs().max());
}
