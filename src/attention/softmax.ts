import { Matrix } from 'ml-matrix';

/**
 * Row-wise softmax, numerically stable: each row's maximum is subtracted before
 * exponentiating, so logits of ±1e6 stay finite. Entries equal to -Infinity (masked
 * positions) get weight 0. A row that is entirely -Infinity is returned as zeros
 * rather than NaN.
 *
 * @param logits (n, m) matrix of scores; not modified.
 * @returns a new (n, m) matrix whose rows sum to 1.
 */
export function softmaxRows(logits: Matrix): Matrix {
  const out = new Matrix(logits.rows, logits.columns);
  for (let i = 0; i < logits.rows; i++) {
    let max = -Infinity;
    for (let j = 0; j < logits.columns; j++) max = Math.max(max, logits.get(i, j));
    if (max === -Infinity) continue; // fully masked row: leave zeros
    let sum = 0;
    for (let j = 0; j < logits.columns; j++) {
      const e = Math.exp(logits.get(i, j) - max);
      out.set(i, j, e);
      sum += e;
    }
    for (let j = 0; j < logits.columns; j++) out.set(i, j, out.get(i, j) / sum);
  }
  return out;
}
