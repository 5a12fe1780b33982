/**
 * The multi-head-attention exercise's solution, in its signature: the course's own parts
 * (splitHeads, scaledDotProductAttention, mergeHeads) put together as
 * src/attention/multiHead.ts puts them, without that layer's options (biases, causal,
 * cross-attention, RoPE). It has the exercise's name, so the solution the page reveals can be
 * pasted and run as it is. tests/unit/coding-exercises.test.ts checks it equals the course's
 * multiHeadAttention, which the exercise's checks compare readers with.
 */
import { Matrix } from 'ml-matrix';
import { headDim, mergeHeads, scaledDotProductAttention, splitHeads } from '../../attention';

/** Multi-head self-attention without biases; headMask[i] multiplies head i's output before W_O. */
export function multiHeadAttention(x: Matrix, w: { wq: Matrix; wk: Matrix; wv: Matrix; wo: Matrix }, h: number, headMask: number[] = new Array<number>(h).fill(1)): Matrix {
  headDim(x.columns, h); // d_k = d_model / h: throws when h does not divide d_model
  const q = x.mmul(w.wq); // (n, d_model)·(d_model, d_model) → (n, d_model)
  const k = x.mmul(w.wk); // (n, d_model)·(d_model, d_model) → (n, d_model)
  const v = x.mmul(w.wv); // (n, d_model)·(d_model, d_model) → (n, d_model)
  const [qs, ks, vs] = [splitHeads(q, h), splitHeads(k, h), splitHeads(v, h)]; // h × (n, d_k) each
  const heads = qs.map((qi, i) => Matrix.mul(scaledDotProductAttention(qi, ks[i], vs[i]).output, headMask[i])); // h × (n, d_k)
  return mergeHeads(heads).mmul(w.wo); // (n, d_model)·(d_model, d_model) → (n, d_model)
}
