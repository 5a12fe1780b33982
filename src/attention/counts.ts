import type { MhaWeights } from './multiHead';
import { headDim } from './heads';

/** Size of a multi-head attention layer. */
export interface LayerSize {
  dModel: number;
  /** Number of heads; does not change the parameter count, but must divide dModel. */
  h?: number;
  /** Count the four bias vectors. Default true. */
  bias?: boolean;
}

/**
 * Parameters of one multi-head attention layer: W_Q, W_K, W_V, W_O are each
 * d_model×d_model, so 4·d_model² (+ 4·d_model with biases), whatever h is.
 */
export function parameterCount({ dModel, h = 1, bias = true }: LayerSize): number {
  headDim(dModel, h); // validates h | dModel
  return 4 * dModel * dModel + (bias ? 4 * dModel : 0);
}

/** Size of an attention layer whose head width is chosen freely (h·d_k need not be d_model). */
export interface GeneralLayerSize {
  dModel: number;
  /** Number of heads. */
  h: number;
  /** Width of one query/key head. */
  dK: number;
  /** Width of one value head. Default dK. */
  dV?: number;
  /** Count the four bias vectors. Default true. */
  bias?: boolean;
}

/**
 * Parameters of one multi-head attention layer for any head width (Vaswani et al. 2017,
 * §3.2.2): W_Q, W_K are d_model×(h·d_k), W_V is d_model×(h·d_v), W_O is (h·d_v)×d_model,
 * so 2·d_model·h·(d_k + d_v) weights, plus h·d_k + h·d_k + h·d_v + d_model biases. Under
 * the convention h·d_k = h·d_v = d_model this is {@link parameterCount}'s 4·d_model² (+ 4·d_model).
 *
 * @throws RangeError when a size is not a positive whole number.
 */
export function generalParameterCount({ dModel, h, dK, dV = dK, bias = true }: GeneralLayerSize): number {
  for (const [name, value] of [['dModel', dModel], ['h', h], ['dK', dK], ['dV', dV]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number, got ${value}`);
  }
  const weights = 2 * dModel * h * (dK + dV); // W_Q, W_K: d_model·h·d_k each; W_V, W_O: d_model·h·d_v each
  const biases = bias ? 2 * h * dK + h * dV + dModel : 0; // b_Q, b_K, b_V, b_O
  return weights + biases;
}

/** Count the numbers actually stored in a set of instantiated weights. */
export function countParameters(weights: MhaWeights): number {
  let total = 0;
  for (const w of [weights.wq, weights.wk, weights.wv, weights.wo]) total += w.rows * w.columns;
  for (const b of [weights.bq, weights.bk, weights.bv, weights.bo]) total += b?.length ?? 0;
  return total;
}

/** Forward floating-point operations for n tokens (2 per multiply-add). */
export interface FlopCount {
  /** Q, K, V and output projections: 4 products of (n, d)·(d, d) → 8·n·d². */
  projections: number;
  /** Q·Kᵀ and weights·V over all heads → 4·n²·d. */
  attention: number;
  total: number;
}

/** Forward FLOPs of one layer on n tokens; softmax and biases are not counted. */
export function forwardFlops({ n, dModel }: { n: number; dModel: number }): FlopCount {
  const projections = 8 * n * dModel * dModel;
  const attention = 4 * n * n * dModel;
  return { projections, attention, total: projections + attention };
}

/** Entries in the attention maps of one layer: h maps of n×n. */
export function attentionMapEntries({ n, h }: { n: number; h: number }): number {
  return h * n * n;
}
