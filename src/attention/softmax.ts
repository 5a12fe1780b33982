import { Matrix } from 'ml-matrix';
import { rows, zeros } from './linalg';
import { exp } from './exactmath';

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
  const out = zeros(logits.rows, logits.columns);
  const L = rows(logits);
  const O = rows(out);
  for (let i = 0; i < logits.rows; i++) {
    const li = L[i];
    const oi = O[i];
    let max = -Infinity;
    for (let j = 0; j < li.length; j++) if (li[j] > max) max = li[j];
    if (max === -Infinity) continue; // fully masked row: leave zeros
    let sum = 0;
    for (let j = 0; j < li.length; j++) {
      const v = li[j];
      const e = v === -Infinity ? 0 : exp(v - max);
      oi[j] = e;
      sum += e;
    }
    for (let j = 0; j < oi.length; j++) oi[j] /= sum;
  }
  return out;
}
