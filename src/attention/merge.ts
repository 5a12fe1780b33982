/**
 * Four ways to merge the h head outputs of a multi-head attention layer into one
 * (n, d_model) output, and their parameter costs. Lesson 5's demonstration (two heads
 * whose signals cancel under averaging) is in ./demos/opposingHeads.ts.
 *
 * Every merge here is linear in the heads, and each is concatenation followed by some
 * W_O with a particular structure (see {@link averagingAsConcat}). Inputs are never
 * modified. Imports ml-matrix and this folder only.
 */
import { Matrix } from 'ml-matrix';
import { headDim } from './heads';
import { mergeHeads } from './split';
import { linear } from './linear';

/** The merges of lesson 5, in the order the lesson presents them. */
export const MERGE_KINDS = ['concat', 'average', 'weighted', 'gated'] as const;
/** One way to merge heads. */
export type MergeKind = (typeof MERGE_KINDS)[number];

/** Check that there is at least one head and that every head has the same shape. */
function headShape(heads: readonly Matrix[], merge: string): { h: number; n: number; dK: number } {
  if (heads.length === 0) throw new RangeError(`${merge} needs at least one head output; got none`);
  const n = heads[0].rows;
  const dK = heads[0].columns;
  heads.forEach((head, i) => {
    if (head.rows !== n || head.columns !== dK) {
      throw new RangeError(`${merge}: head ${i + 1} is ${head.rows}×${head.columns} but head 1 is ${n}×${dK}; every head output must have the same shape (n × d_k)`);
    }
  });
  return { h: heads.length, n, dK };
}

function checkPerHead(values: readonly number[], h: number, what: string, merge: string): void {
  if (values.length !== h) throw new RangeError(`${merge}: ${values.length} ${what}${values.length === 1 ? '' : 's'} for ${h} heads; give exactly one ${what} per head`);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`${merge}: ${what} ${bad + 1} is ${values[bad]}; every ${what} must be a finite number`);
}

/** The weighted sum Σ_i weights[i]·head_i: h × (n, d_k) → (n, d_k), a new matrix. */
function combine(heads: readonly Matrix[], weights: readonly number[]): Matrix {
  const sum = new Matrix(heads[0].rows, heads[0].columns);
  heads.forEach((head, i) => {
    for (let r = 0; r < head.rows; r++) for (let c = 0; c < head.columns; c++) sum.set(r, c, sum.get(r, c) + weights[i] * head.get(r, c));
  });
  return sum;
}

/**
 * The standard merge (Vaswani et al. 2017, §3.2.2): Concat(head_1, …, head_h)·W_O + b_O.
 * Each head keeps its own d_k columns, so W_O can read every head separately.
 *
 * @param heads h head outputs, each (n, d_k); not modified.
 * @param wo (h·d_k, d_model) output projection; not modified.
 * @param bo optional bias of length d_model.
 * @returns a new (n, d_model) matrix.
 */
export function mergeConcat(heads: readonly Matrix[], wo: Matrix, bo?: readonly number[]): Matrix {
  const { h, dK } = headShape(heads, 'mergeConcat');
  if (wo.rows !== h * dK) {
    throw new RangeError(`mergeConcat: W_O has ${wo.rows} rows but ${h} heads of width d_k = ${dK} concatenate to ${h * dK} columns; W_O must be (h·d_k) × d_model = ${h * dK} × d_model`);
  }
  const concat = mergeHeads(heads); // h × (n, dK) → (n, h·dK)
  return linear(concat, wo, bo); // (n, h·dK)·(h·dK, dModel) → (n, dModel)
}

/**
 * Plain averaging: the mean of the heads, (1/h)·Σ head_i, then one up-projection
 * W_up from d_k back to d_model. Cheaper than W_O by a factor of h, but every head is
 * read through the same W_up, so signals that point opposite ways cancel.
 *
 * @param heads h head outputs, each (n, d_k); not modified.
 * @param wUp (d_k, d_model) up-projection; not modified.
 * @param bUp optional bias of length d_model.
 * @returns a new (n, d_model) matrix.
 */
export function mergeAverage(heads: readonly Matrix[], wUp: Matrix, bUp?: readonly number[]): Matrix {
  const { h, dK } = headShape(heads, 'mergeAverage');
  if (wUp.rows !== dK) {
    throw new RangeError(`mergeAverage: W_up has ${wUp.rows} rows but the mean of the heads has d_k = ${dK} columns; W_up must be d_k × d_model = ${dK} × d_model`);
  }
  const mean = combine(heads, new Array<number>(h).fill(1 / h)); // h × (n, dK) → (n, dK)
  return linear(mean, wUp, bUp); // (n, dK)·(dK, dModel) → (n, dModel)
}

/**
 * A learned weighted average: Σ α_i·head_i with one weight per head, then W_up.
 * The weights must be non-negative and sum to 1 (a model would learn h numbers and
 * take their softmax); uniform weights 1/h give {@link mergeAverage}.
 *
 * @param heads h head outputs, each (n, d_k); not modified.
 * @param alpha h weights α_i ≥ 0 with Σ α_i = 1.
 * @param wUp (d_k, d_model) up-projection; not modified.
 * @param bUp optional bias of length d_model.
 * @returns a new (n, d_model) matrix.
 */
export function mergeWeighted(heads: readonly Matrix[], alpha: readonly number[], wUp: Matrix, bUp?: readonly number[]): Matrix {
  const { h, dK } = headShape(heads, 'mergeWeighted');
  checkPerHead(alpha, h, 'weight', 'mergeWeighted');
  const negative = alpha.findIndex((a) => a < 0);
  if (negative >= 0) throw new RangeError(`mergeWeighted: weight ${negative + 1} is ${alpha[negative]}; the weights of an average cannot be negative (a softmax of h learned numbers never is)`);
  const total = alpha.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) {
    throw new RangeError(`mergeWeighted: the weights sum to ${total}, not 1; divide each by ${total} (or take a softmax) to make them an average`);
  }
  if (wUp.rows !== dK) {
    throw new RangeError(`mergeWeighted: W_up has ${wUp.rows} rows but the weighted mean of the heads has d_k = ${dK} columns; W_up must be ${dK} × d_model`);
  }
  const mean = combine(heads, alpha); // h × (n, dK) → (n, dK)
  return linear(mean, wUp, bUp); // (n, dK)·(dK, dModel) → (n, dModel)
}

/**
 * A gate per head (Voita et al. 2019, §6.1): Concat_i(g_i·head_i)·W_O + b_O, with one
 * scalar g_i ∈ [0, 1] per head that does not depend on the input. g_i = 0 removes
 * head i (Michel et al.'s ξ_i = 0); all gates 1 give {@link mergeConcat}.
 *
 * @param heads h head outputs, each (n, d_k); not modified.
 * @param gates h gates, each in [0, 1].
 * @param wo (h·d_k, d_model) output projection; not modified.
 * @param bo optional bias of length d_model.
 * @returns a new (n, d_model) matrix.
 */
export function mergeGated(heads: readonly Matrix[], gates: readonly number[], wo: Matrix, bo?: readonly number[]): Matrix {
  const { h } = headShape(heads, 'mergeGated');
  checkPerHead(gates, h, 'gate', 'mergeGated');
  const bad = gates.findIndex((g) => g < 0 || g > 1);
  if (bad >= 0) throw new RangeError(`mergeGated: gate ${bad + 1} is ${gates[bad]}; gates lie in [0, 1] (0 switches a head off, 1 lets it through)`);
  const gated = heads.map((head, i) => Matrix.mul(head, gates[i])); // h × (n, dK), new matrices
  return mergeConcat(gated, wo, bo); // (n, h·dK)·(h·dK, dModel) → (n, dModel)
}

/** Size of one layer's merge, for {@link mergeParameterCount}. */
export interface MergeSize {
  dModel: number;
  /** Number of heads; must divide dModel. */
  h: number;
  /** Count the projection's bias of length d_model. Default true. */
  bias?: boolean;
}

/**
 * Parameters of the merge step alone (W_Q, W_K, W_V are not counted):
 * - concat: W_O is (h·d_k) × d_model = d_model², whatever h is;
 * - average: W_up is d_k × d_model = d_model²/h;
 * - weighted: W_up plus h weights;
 * - gated: W_O plus h gates.
 * Each adds d_model for the bias when `bias` is true.
 *
 * @throws RangeError when h does not divide d_model, or for an unknown kind.
 */
export function mergeParameterCount(kind: MergeKind, { dModel, h, bias = true }: MergeSize): number {
  const dK = headDim(dModel, h); // validates h | dModel
  const b = bias ? dModel : 0;
  switch (kind) {
    case 'concat': return h * dK * dModel + b;
    case 'average': return dK * dModel + b;
    case 'weighted': return h + dK * dModel + b;
    case 'gated': return h + h * dK * dModel + b;
    default: throw new RangeError(`unknown merge "${String(kind)}": use one of ${MERGE_KINDS.join(', ')}`);
  }
}

/**
 * The W_O under which concatenation does exactly what (weighted) averaging does: h
 * copies of W_up stacked, block i scaled by weights[i] (1/h each by default), so that
 * Concat(head_1…head_h)·W_O = Σ_i head_i·(w_i·W_up) = (Σ_i w_i·head_i)·W_up.
 * Averaging is concatenation with every head read through the same matrix.
 *
 * @param wUp (d_k, d_model) up-projection of the average; not modified.
 * @param h number of heads.
 * @param weights h weights, default 1/h each.
 * @returns a new (h·d_k, d_model) matrix.
 */
export function averagingAsConcat(wUp: Matrix, h: number, weights: readonly number[] = new Array<number>(h).fill(1 / h)): Matrix {
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`h must be a positive whole number, got ${h}`);
  checkPerHead(weights, h, 'weight', 'averagingAsConcat');
  const dK = wUp.rows;
  const wo = new Matrix(h * dK, wUp.columns);
  for (let i = 0; i < h; i++) wo.setSubMatrix(Matrix.mul(wUp, weights[i]), i * dK, 0); // block i: (dK, dModel)
  return wo;
}

/** Everything the merges need besides the heads: one set of learned parameters each. */
export interface MergeParams {
  /** (h·d_k, d_model) output projection of concat and gated. */
  wo: Matrix;
  /** (d_k, d_model) up-projection of average and weighted. */
  wUp: Matrix;
  /** h weights of the weighted average (non-negative, sum 1). */
  alpha: readonly number[];
  /** h gates in [0, 1]. */
  gates: readonly number[];
}

/** Merge heads by `kind` with the matching parameters of `p` (no biases). */
export function mergeBy(kind: MergeKind, heads: readonly Matrix[], p: MergeParams): Matrix {
  switch (kind) {
    case 'concat': return mergeConcat(heads, p.wo);
    case 'average': return mergeAverage(heads, p.wUp);
    case 'weighted': return mergeWeighted(heads, p.alpha, p.wUp);
    case 'gated': return mergeGated(heads, p.gates, p.wo);
    default: throw new RangeError(`unknown merge "${String(kind)}": use one of ${MERGE_KINDS.join(', ')}`);
  }
}
