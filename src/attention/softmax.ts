import { Matrix } from 'ml-matrix';
import { exp } from './exactmath';

/**
 * Softmax of one row of scores, numerically stable: the row's maximum is subtracted
 * before exponentiating, so logits of ±1e6 stay finite. Entries equal to −∞ (masked
 * positions) get weight 0, and a row that is entirely −∞ gives zeros rather than NaN.
 *
 * `exp` is the course's own (src/attention/exactmath.ts), so every engine gives the same bits.
 *
 * @param row scores; not modified.
 * @returns weights that sum to 1 (or all 0 for a fully masked row).
 */
export function softmax(row: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let j = 0; j < row.length; j++) if (row[j] > max) max = row[j];
  if (max === -Infinity) return Array.from({ length: row.length }, () => 0); // fully masked row
  const e = Array.from({ length: row.length }, (_, j) => (row[j] === -Infinity ? 0 : exp(row[j] - max)));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/**
 * Row-wise {@link softmax}: row i of the result is softmax(scores[i]).
 *
 * @param scores (n, m) matrix of scores; not modified.
 * @returns a new (n, m) matrix whose rows sum to 1.
 */
export function softmaxRows(scores: Matrix): Matrix {
  return new Matrix(scores.to2DArray().map(softmax));
}
