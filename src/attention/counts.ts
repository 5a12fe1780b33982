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
