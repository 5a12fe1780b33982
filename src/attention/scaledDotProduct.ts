import { Matrix } from 'ml-matrix';
import { softmaxRows } from './softmax';
import { applyCausalMask, applyPaddingMask } from './mask';

/** Options for {@link scaledDotProductAttention}. */
export interface AttentionOptions {
  /** Let query i attend only to keys j ≤ i. Default false. */
  causal?: boolean;
  /** Divide the scores by √d_k (the paper's choice). Default true. */
  scaled?: boolean;
  /**
   * How many keys are real tokens; keys j ≥ keyLength are padding and get −∞ before the
   * softmax (a padding mask). Default: every key is real.
   */
  keyLength?: number;
}

/** Every intermediate of one attention head, so a lesson can point at each step. */
export interface AttentionTrace {
  /** (n, m) raw scores Q·Kᵀ, divided by √d_k when scaled, −∞ where the causal or padding mask hides a key. */
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
 * Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k)·V. Masks add −∞ to the scores they hide
 * (§3.2.3), so those keys get weight exactly 0; a query that can see no key at all gets
 * zero weights and a zero output (see softmax).
 *
 * @param q (n, d_k) queries, one per row; not modified.
 * @param k (m, d_k) keys; not modified.
 * @param v (m, d_v) values; not modified.
 * @param options causal, scaled, keyLength.
 * @throws RangeError when the widths of q and k, or the counts of keys and values, differ,
 *   or keyLength is not a whole number from 0 to the number of keys.
 */
export function scaledDotProductAttention(q: Matrix, k: Matrix, v: Matrix, { causal = false, scaled = true, keyLength }: AttentionOptions = {}): AttentionTrace {
  const dK = q.columns;
  if (k.columns !== dK) throw new RangeError(`queries have d_k = ${dK} but keys have ${k.columns} columns`);
  if (k.rows !== v.rows) throw new RangeError(`${k.rows} keys but ${v.rows} values: they must match`);
  const scale = scaled ? Math.sqrt(dK) : 1;
  const raw = q.mmul(k.transpose()); // (n, dK)·(dK, m) → (n, m)
  const scaledScores = Matrix.div(raw, scale); // (n, m)
  const causalScores = causal ? applyCausalMask(scaledScores) : scaledScores; // j > i → −∞
  const scores = keyLength === undefined ? causalScores : applyPaddingMask(causalScores, keyLength); // j ≥ keyLength → −∞
  const weights = softmaxRows(scores);
  const output = weights.mmul(v); // (n, m)·(m, dV) → (n, dV)
  return { scores, weights, output, scale };
}
