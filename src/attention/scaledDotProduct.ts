import { Matrix } from 'ml-matrix';
import { softmaxRows } from './softmax';
import { applyCausalMask } from './mask';
import { matmul, matmulTB, rows, zeros } from './linalg';
import { exp } from './exactmath';

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
  if (segment !== undefined) return packedAttention(q, k, v, { causal, scaled, segment });
  const scale = scaled ? Math.sqrt(dK) : 1;
  let scores = matmulTB(q, k).div(scale); // (n, dK)·(dK, m) → (n, m)
  if (causal) scores = applyCausalMask(scores);
  const weights = softmaxRows(scores);
  const output = matmul(weights, v); // (n, m)·(m, dV) → (n, dV)
  return { scores, weights, output, scale };
}

/**
 * Attention over several sequences packed into the rows of q, k and v (segments of
 * `segment` rows): each segment attends only to itself. Computed segment by segment with
 * plain loops, in the same order of operations as the unpacked path. The trace's scores
 * and weights are (n, segment): row i holds its own sequence's keys only (column j − r
 * for key j of the segment starting at row r), −∞ / 0 where causality hides a key.
 */
function packedAttention(q: Matrix, k: Matrix, v: Matrix, { causal, scaled, segment }: { causal: boolean; scaled: boolean; segment: number }): AttentionTrace {
  const n = q.rows;
  if (!Number.isInteger(segment) || segment < 1 || n % segment !== 0 || k.rows !== n) {
    throw new RangeError(`segment (${segment}) must be a whole number that divides the ${n} rows`);
  }
  const dK = q.columns;
  const dV = v.columns;
  const scale = scaled ? Math.sqrt(dK) : 1;
  const scores = zeros(n, segment);
  const weights = zeros(n, segment);
  const output = zeros(n, dV);
  const [Q, K, V, S, W, O] = [q, k, v, scores, weights, output].map(rows);
  for (const row of S) row.fill(-Infinity);
  for (let r = 0; r < n; r += segment) {
    for (let i = r; i < r + segment; i++) {
      const end = causal ? i + 1 : r + segment;
      const qi = Q[i];
      let max = -Infinity;
      for (let j = r; j < end; j++) {
        let dot = 0;
        for (let c = 0; c < dK; c++) dot += qi[c] * K[j][c]; // q_i · k_j
        const sij = (S[i][j - r] = dot / scale);
        if (sij > max) max = sij;
      }
      let sum = 0;
      for (let j = r; j < end; j++) sum += W[i][j - r] = exp(S[i][j - r] - max);
      for (let j = r; j < end; j++) W[i][j - r] /= sum;
      const oi = O[i];
      for (let j = r; j < end; j++) {
        const wij = W[i][j - r];
        if (wij === 0) continue;
        for (let c = 0; c < dV; c++) oi[c] += wij * V[j][c]; // Σ_j w_ij v_j
      }
    }
  }
  return { scores, weights, output, scale };
}
