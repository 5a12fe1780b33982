/**
 * The key/value cache of one multi-head attention layer, as a decoder uses it while it
 * generates text. Generating token t needs its query against the keys and values of every
 * token before it; those do not change, so they are computed once and kept. Prefill runs the
 * prompt's n tokens at once (a causal pass) and fills the cache; each decode step then
 * projects one new token, appends its key and value, and attends from its query to every
 * cached key. No causal mask is needed at decode time: the cache holds only the past.
 *
 * The result equals the full causal pass, {@link multiHeadAttention} with causal: true, row
 * for row (tested to 1e-12), which is why training can process every position at once with a
 * mask and generation can go one token at a time.
 */
import { Matrix } from 'ml-matrix';
import { headDim } from './heads';
import { linear } from './linear';
import { applyRope } from './rope';
import { mergeHeads, splitHeads } from './split';
import { scaledDotProductAttention } from './scaledDotProduct';
import type { MhaWeights } from './multiHead';

/** Options for {@link prefill} and {@link decodeStep}. */
export interface KvCacheOptions {
  /** Rotate each head's query and key by RoPE at the token's position (keys are cached already rotated). Default false. */
  rope?: boolean | { base?: number };
}

/** Keys and values of the tokens seen so far, per head, for one layer. */
export interface KvCache {
  /** Number of heads. */
  h: number;
  /** Head width d_k = d_model / h. */
  dK: number;
  /** keys[i]: (t, d_k) head i's keys, one row per past token (rotated when RoPE is on). */
  keys: Matrix[];
  /** values[i]: (t, d_k) head i's values, one row per past token (never rotated). */
  values: Matrix[];
}

/** What one decode step computed. */
export interface DecodeStep {
  /** (1, d_model) the new token's attention output, concat·W_O + b_O. */
  output: Matrix;
  /** The new token's position (the number of tokens cached before it). */
  position: number;
  /** weights[i]: head i's attention weights over the t cached tokens (they sum to 1). */
  weights: number[][];
}

/**
 * An empty cache for one layer with h heads over d_model columns.
 *
 * @throws RangeError when h does not divide dModel (the course's convention d_k = d_model / h).
 */
export function createKvCache(dModel: number, h: number): KvCache {
  const dK = headDim(dModel, h);
  return { h, dK, keys: Array.from({ length: h }, () => new Matrix(0, dK)), values: Array.from({ length: h }, () => new Matrix(0, dK)) };
}

/** Number of tokens the cache holds. */
export function cacheLength(cache: KvCache): number {
  return cache.keys[0].rows;
}

/** Project x (n, d_model) to per-head Q, K, V, rotating Q and K by RoPE at `positions`. */
function projectHeads(x: Matrix, weights: MhaWeights, cache: KvCache, positions: number[], rope: KvCacheOptions['rope']) {
  if (x.columns !== cache.h * cache.dK) {
    throw new RangeError(`x has ${x.columns} columns but the cache was made for d_model = ${cache.h * cache.dK}`);
  }
  const q = linear(x, weights.wq, weights.bq); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const k = linear(x, weights.wk, weights.bk); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const v = linear(x, weights.wv, weights.bv); // (n, dModel)·(dModel, dModel) → (n, dModel)
  let [qs, ks] = [splitHeads(q, cache.h), splitHeads(k, cache.h)]; // h × (n, dK)
  if (rope) { // queries and keys turn by position; values do not
    const base = rope === true ? undefined : rope.base;
    [qs, ks] = [qs.map((qi) => applyRope(qi, { positions, base })), ks.map((ki) => applyRope(ki, { positions, base }))];
  }
  return { qs, ks, vs: splitHeads(v, cache.h) };
}

/** Append rows to head i's keys and values (the cache is the one thing these functions change). */
function append(cache: KvCache, ks: Matrix[], vs: Matrix[]): void {
  for (let i = 0; i < cache.h; i++) {
    for (let r = 0; r < ks[i].rows; r++) {
      cache.keys[i].addRow(ks[i].getRow(r)); // (t, dK) → (t + 1, dK)
      cache.values[i].addRow(vs[i].getRow(r));
    }
  }
}

/**
 * Prefill: run the prompt's n tokens through the layer at once, with a causal mask, and store
 * their keys and values in an empty cache.
 *
 * @param cache an empty cache from {@link createKvCache}; filled in place.
 * @param x (n, d_model) the prompt, one token per row; not modified.
 * @param weights W_Q, W_K, W_V, W_O and optional biases; not modified.
 * @returns (n, d_model) the same output as multiHeadAttention(x, weights, { h, causal: true }).
 * @throws RangeError when the cache is not empty or the shapes do not fit.
 */
export function prefill(cache: KvCache, x: Matrix, weights: MhaWeights, options: KvCacheOptions = {}): Matrix {
  if (cacheLength(cache) !== 0) {
    throw new RangeError(`prefill fills an empty cache, but this one already holds ${cacheLength(cache)} tokens: add later tokens with decodeStep, one at a time`);
  }
  const positions = Array.from({ length: x.rows }, (_, r) => r);
  const { qs, ks, vs } = projectHeads(x, weights, cache, positions, options.rope);
  append(cache, ks, vs);
  const heads = qs.map((qi, i) => scaledDotProductAttention(qi, cache.keys[i], cache.values[i], { causal: true }).output); // h × (n, dK)
  return linear(mergeHeads(heads), weights.wo, weights.bo); // (n, dModel)·(dModel, dModel) → (n, dModel)
}

/**
 * Decode one token: project it, append its key and value to the cache, and let its query
 * attend to every cached token, itself included. No mask: the cache holds only the past.
 *
 * @param cache the layer's cache; one row per head is appended.
 * @param xToken (1, d_model) the new token; not modified.
 * @param weights W_Q, W_K, W_V, W_O and optional biases; not modified.
 * @returns the token's output (1, d_model), its position and each head's weights.
 * @throws RangeError when xToken is not one row or the shapes do not fit.
 */
export function decodeStep(cache: KvCache, xToken: Matrix, weights: MhaWeights, options: KvCacheOptions = {}): DecodeStep {
  if (xToken.rows !== 1) throw new RangeError(`decodeStep takes one token (1 row), got ${xToken.rows} rows: use prefill for a prompt`);
  const position = cacheLength(cache);
  const { qs, ks, vs } = projectHeads(xToken, weights, cache, [position], options.rope);
  append(cache, ks, vs);
  const heads = qs.map((qi, i) => scaledDotProductAttention(qi, cache.keys[i], cache.values[i])); // (1, dK)·(dK, t) → (1, t); (1, t)·(t, dK) → (1, dK)
  const output = linear(mergeHeads(heads.map((hd) => hd.output)), weights.wo, weights.bo); // (1, dModel)·(dModel, dModel) → (1, dModel)
  return { output, position, weights: heads.map((hd) => hd.weights.getRow(0)) };
}
