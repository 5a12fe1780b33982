import { Matrix } from 'ml-matrix';
import { linear } from './linear';
import { headDim } from './heads';
import { mergeHeads, splitHeads } from './split';
import { scaledDotProductAttention } from './scaledDotProduct';
import { applyRope } from './rope';

/** The four projections of one multi-head attention layer (biases optional). */
export interface MhaWeights {
  /** (d_model, d_model) query projection; head i uses columns [i·d_k, (i+1)·d_k). */
  wq: Matrix;
  /** (d_model, d_model) key projection. */
  wk: Matrix;
  /** (d_model, d_model) value projection. */
  wv: Matrix;
  /** (d_model, d_model) output projection applied to the concatenated heads. */
  wo: Matrix;
  bq?: number[];
  bk?: number[];
  bv?: number[];
  bo?: number[];
}

/** Options for {@link multiHeadAttention}. */
export interface MhaOptions {
  /** Number of heads; must divide d_model (the course's convention d_k = d_model / h). */
  h: number;
  /** Let position i attend only to positions j ≤ i. Default false. */
  causal?: boolean;
  /** ξ_h of Michel et al. (2019): head i's output is multiplied by headMask[i]. Default all 1. */
  headMask?: readonly number[];
  /**
   * Rotate each head's queries and keys (not values) by RoPE (Su et al. 2021), row r at
   * position r; `{ base }` sets the frequency base (default 10000). Needs an even d_k.
   * Default false: no position information, as in the rest of the course.
   */
  rope?: boolean | { base?: number };
  /**
   * Cross-attention: (m, d_model) rows of another sequence (an encoder's output, say) that
   * the keys and values come from, while the queries still come from x. Each head's map is
   * then n × m. Default: x itself (self-attention). Not modified.
   */
  context?: Matrix;
}

/** One head's intermediates (m = n in self-attention; m = context rows in cross-attention). */
export interface HeadTrace {
  /** (n, d_k) this head's queries: columns [i·d_k, (i+1)·d_k) of Q (rotated when `rope` is on). */
  q: Matrix;
  /** (m, d_k) keys (rotated when `rope` is on). */
  k: Matrix;
  /** (m, d_k) values. */
  v: Matrix;
  /** (n, m) scaled scores, −∞ where the causal mask hides a key. */
  scores: Matrix;
  /** (n, m) attention weights, rows sum to 1. */
  weights: Matrix;
  /** (n, d_k) weights·V, before the head mask. */
  output: Matrix;
  /** ξ, the head-mask factor applied to this head's output. */
  xi: number;
}

/** Everything multi-head attention computed, step by step. */
export interface MhaTrace {
  /** (n, d_model) X·W_Q + b_Q, before the split. */
  q: Matrix;
  /** (m, d_model) C·W_K + b_K, where C is the context (x itself in self-attention). */
  k: Matrix;
  /** (m, d_model) C·W_V + b_V. */
  v: Matrix;
  /** Per-head traces, in head order. */
  heads: HeadTrace[];
  /** (n, d_model) the head outputs, each times its ξ, side by side. */
  concat: Matrix;
  /** (n, d_model) concat·W_O + b_O. */
  output: Matrix;
  /** Head width d_k = d_model / h. */
  dK: number;
}

function checkSquare(name: string, w: Matrix, dModel: number): void {
  if (w.rows !== dModel || w.columns !== dModel) {
    throw new RangeError(`${name} is ${w.rows}×${w.columns} but must be d_model×d_model = ${dModel}×${dModel}`);
  }
}

/**
 * Multi-head attention (Vaswani et al. 2017, §3.2.2) in the row-vector convention:
 * Q = X·W_Q + b_Q, K = C·W_K + b_K, V = C·W_V + b_V, where C = X (self-attention, the
 * default) or `options.context` (cross-attention, as in the Transformer's decoder, §3.2.3);
 * head i attends with columns [i·d_k, (i+1)·d_k); the head outputs, each scaled by
 * headMask[i], are concatenated and mapped by W_O. Cross-attention uses the same four
 * matrices, so the same parameters; only the rows K and V are computed from change.
 *
 * @param x (n, d_model) input, one token per row; not modified.
 * @param weights W_Q, W_K, W_V, W_O (each d_model×d_model) and optional biases; not modified.
 * @param options h (must divide d_model), causal, headMask, rope, context.
 * @throws RangeError when h does not divide d_model, a shape does not fit, the context's
 *   width is not d_model, causal is asked with a context of another length, or rope with a context.
 */
export function multiHeadAttention(x: Matrix, weights: MhaWeights, options: MhaOptions): MhaTrace {
  const { h, causal = false } = options;
  const dModel = x.columns;
  const dK = headDim(dModel, h);
  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) checkSquare(name, weights[name], dModel);
  const headMask = options.headMask ?? new Array<number>(h).fill(1);
  if (headMask.length !== h) throw new RangeError(`headMask has ${headMask.length} entries but there are ${h} heads`);
  const context = options.context ?? x;
  if (context.columns !== dModel) {
    throw new RangeError(
      `the context has ${context.columns} columns but x has d_model = ${dModel}: W_K and W_V read rows of width d_model, ` +
        'so project the other sequence to d_model first (in the Transformer both come from layers of the same width)',
    );
  }
  if (causal && context.rows !== x.rows) {
    throw new RangeError(
      `causal needs a query and a key at every position, but there are ${x.rows} queries and ${context.rows} context rows: ` +
        'a decoder does not mask its cross-attention (every target position may see the whole source), so leave causal off',
    );
  }
  if (options.rope && options.context) {
    throw new RangeError(
      'rope with a context: RoPE turns a query and a key by their positions in one sequence, but here the keys come from another ' +
        'sequence, whose positions do not line up with the queries\'; leave rope off for cross-attention',
    );
  }

  const q = linear(x, weights.wq, weights.bq); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const k = linear(context, weights.wk, weights.bk); // (m, dModel)·(dModel, dModel) → (m, dModel)
  const v = linear(context, weights.wv, weights.bv); // (m, dModel)·(dModel, dModel) → (m, dModel)
  let [qs, ks, vs] = [splitHeads(q, h), splitHeads(k, h), splitHeads(v, h)]; // h × (n, dK), h × (m, dK), h × (m, dK)
  if (options.rope) { // RoPE turns each head's queries and keys by position; V is left alone
    const base = options.rope === true ? undefined : options.rope.base;
    [qs, ks] = [qs.map((qi) => applyRope(qi, { base })), ks.map((ki) => applyRope(ki, { base }))];
  }

  const heads: HeadTrace[] = qs.map((qi, i) => {
    const { scores, weights: w, output } = scaledDotProductAttention(qi, ks[i], vs[i], { causal }); // (n, m) map, (n, dK) output
    return { q: qi, k: ks[i], v: vs[i], scores, weights: w, output, xi: headMask[i] };
  });
  const concat = mergeHeads(heads.map((hd) => Matrix.mul(hd.output, hd.xi))); // h × (n, dK) → (n, dModel)
  const output = linear(concat, weights.wo, weights.bo); // (n, dModel)·(dModel, dModel) → (n, dModel)
  return { q, k, v, heads, concat, output, dK };
}
