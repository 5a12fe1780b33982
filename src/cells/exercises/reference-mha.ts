/**
 * The course's multi-head attention in the exercise's signature. Kept apart from
 * ./reference.ts because the adapter has the course function's own name, so it reaches
 * the course's through the module's namespace.
 */
import type { Matrix } from 'ml-matrix';
import * as attention from '../../attention';

/** Multi-head attention without biases: the course's layer with h and ξ, its output only. */
export function multiHeadAttention(x: Matrix, w: { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix }, h: number, headMask?: number[]): Matrix {
  return attention.multiHeadAttention(x, w, { h, headMask }).output; // (n, dModel)
}
