import { Matrix } from 'ml-matrix';
import { rows, zeros } from './linalg';

/**
 * Additive causal mask for n positions: 0 where query i may see key j (j ≤ i),
 * -Infinity where it may not (j > i). Add it to the scores before the softmax.
 *
 * @returns a new (n, n) matrix.
 */
export function causalMask(n: number): Matrix {
  const mask = zeros(n, n);
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

/**
 * Scores with the pairs a query may not see set to -Infinity, for several sequences
 * packed into one matrix ("sequence packing"): rows are split into consecutive segments
 * of `segment` tokens, and a query sees only keys of its own segment (and, when
 * causal, only those at or before it). The input is not modified.
 *
 * @param scores (n, n) query × key scores, n a multiple of `segment`.
 */
export function applyAttentionMask(scores: Matrix, { causal = false, segment }: { causal?: boolean; segment?: number }): Matrix {
  const n = scores.rows;
  if (segment !== undefined && (!Number.isInteger(segment) || segment < 1 || n % segment !== 0)) {
    throw new RangeError(`segment (${segment}) must be a whole number that divides the ${n} rows`);
  }
  const out = zeros(n, scores.columns);
  const S = rows(scores);
  const O = rows(out);
  for (let i = 0; i < n; i++) {
    const start = segment ? i - (i % segment) : 0;
    const end = Math.min(segment ? start + segment : n, causal ? i + 1 : n);
    O[i].fill(-Infinity);
    for (let j = start; j < end; j++) O[i][j] = S[i][j];
  }
  return out;
}
