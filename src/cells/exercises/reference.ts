/**
 * The course's answers in the exercises' signatures. Where an exercise asks for exactly a
 * function of src/attention or src/training, the checks call that function itself; where
 * the exercise's signature is simpler than the course's (one option fixed, a trace reduced
 * to its output), the function below is a one-line adapter, shown under the course's
 * source by "Show solution". Each uses the course's names as they are, so the text "Show
 * solution" reveals runs as it is when pasted into the exercise's editor.
 */
import type { Matrix } from 'ml-matrix';
import { multiHeadAttention, scaledDotProductAttention } from '../../attention';
import { mhaBackward } from '../../training/mhaBackward';

/** Causal scaled dot-product attention: the course's function with `causal: true`, its output only. */
export function causalAttention(q: Matrix, k: Matrix, v: Matrix): Matrix {
  return scaledDotProductAttention(q, k, v, { causal: true }).output; // (n, dV)
}

/** ∂L/∂ξ_i for every head at ξ = 1, where L = Σ output ⊙ upstream: the course's backward pass. */
export function headMaskGradient(x: Matrix, w: { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix }, h: number, upstream: Matrix): number[] {
  return mhaBackward(x, w, multiHeadAttention(x, w, { h }), upstream).headMask; // h numbers
}
