import { Matrix } from 'ml-matrix';

/**
 * Additive causal mask for n queries over m keys: 0 where query i may see key j (j ≤ i),
 * −∞ where it may not (j > i). Add it to the scores before the softmax.
 *
 * @returns a new (n, m) matrix (m defaults to n).
 */
export function causalMask(n: number, m = n): Matrix {
  const mask = Matrix.zeros(n, m);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < m; j++) mask.set(i, j, -Infinity);
  return mask;
}

/**
 * Scores with every future key (j > i) replaced by −∞; the input is not modified.
 *
 * @param scores (n, m) query × key scores.
 */
export function applyCausalMask(scores: Matrix): Matrix {
  return Matrix.add(scores, causalMask(scores.rows, scores.columns)); // −∞ + s = −∞
}
