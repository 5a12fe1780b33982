import { Matrix } from 'ml-matrix';

/**
 * Additive causal mask for n positions: 0 where query i may see key j (j ≤ i),
 * -Infinity where it may not (j > i). Add it to the scores before the softmax.
 *
 * @returns a new (n, n) matrix.
 */
export function causalMask(n: number): Matrix {
  const mask = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) mask.set(i, j, -Infinity);
  return mask;
}

/**
 * Scores with every future key (j > i) replaced by -Infinity; the input is not modified.
 *
 * @param scores (n, n) query × key scores.
 */
export function applyCausalMask(scores: Matrix): Matrix {
  return Matrix.add(scores, causalMask(scores.rows));
}
