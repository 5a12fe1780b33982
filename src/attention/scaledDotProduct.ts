import { Matrix } from 'ml-matrix';
import { softmaxRows } from './softmax';
import { applyAttentionMask, applyCausalMask } from './mask';
import { matmul, matmulTB } from './linalg';

/** Options for {@link scaledDotProductAttention}. */
export interface AttentionOptions {
  /** Let query i attend only to keys j ≤ i. Default false. */
  causal?: boolean;
  /** Divide the scores by √d_k (the paper's choice). Default true. */
  scaled?: boolean;
  /** Packed sequences: rows form segments of this length, and attention stays within each. */
  segment?: number;
}

/** Every intermediate of one attention head, so a lesson can point at each step. */
export interface AttentionTrace {
  /** (n, m) raw scores Q·Kᵀ, divided by √d_k when scaled, masked when causal. */
  scores: Matrix;
  /** (n, m) attention weights: softmax of the scores; each row sums to 1. */
  weights: Matrix;
  /** (n, d_v) output: weights·V. */
  output: Matrix;
  /** The number the raw scores were divided by (√d_k, or 1 when unscaled). */
  scale: number;
}

/**
 * Scaled dot-product attention (Vaswani et al. 2017, Eq. 1):
 * Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V.
 *
 * @param q (n, d_k) queries, one per row; not modified.
 * @param k (m, d_k) keys; not modified.
 * @param v (m, d_v) values; not modified.
 */
export function scaledDotProductAttention(
  q: Matrix,
  k: Matrix,
  v: Matrix,
  { causal = false, scaled = true, segment }: AttentionOptions = {},
): AttentionTrace {
  const dK = q.columns;
  if (k.columns !== dK) throw new RangeError(`queries have d_k = ${dK} but keys have ${k.columns} columns`);
  if (k.rows !== v.rows) throw new RangeError(`${k.rows} keys but ${v.rows} values: they must match`);
  const scale = scaled ? Math.sqrt(dK) : 1;
  let scores = matmulTB(q, k).div(scale); // (n, dK)·(dK, m) → (n, m)
  if (segment !== undefined) scores = applyAttentionMask(scores, { causal, segment });
  else if (causal) scores = applyCausalMask(scores);
  const weights = softmaxRows(scores);
  const output = matmul(weights, v); // (n, m)·(m, dV) → (n, dV)
  return { scores, weights, output, scale };
}
