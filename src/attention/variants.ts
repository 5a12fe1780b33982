/**
 * Multi-query and grouped-query attention: query heads that share their keys and values.
 *
 * In multi-head attention (MHA) each of the h query heads has its own K and V head. In
 * grouped-query attention (GQA, Ainslie et al. 2023) the h query heads form `kvHeads`
 * groups of h/kvHeads heads, and each group shares one K head and one V head; with one
 * group that is multi-query attention (MQA, Shazeer 2019), with h groups it is MHA again.
 * W_K and W_V shrink from d_model×d_model to d_model×(kvHeads·d_k), and so does the
 * cache of keys and values a decoder keeps for every past token.
 *
 * Pure: ml-matrix and this folder only.
 */
import { Matrix } from 'ml-matrix';
import { headDim, nearestDivisors } from './heads';
import { mergeHeads, splitHeads } from './split';
import { linear } from './linear';
import type { MhaWeights } from './multiHead';
import { mulberry32 } from './random';
import { randomMatrix } from './randomMatrix';
import { scaledDotProductAttention } from './scaledDotProduct';

function wholeNumber(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
  }
}

/**
 * How many query heads share each K/V head: h / kvHeads.
 *
 * @throws RangeError when kvHeads is not a whole number from 1 to h, or does not divide h,
 *   naming both numbers and the nearest counts that would work.
 */
export function kvGroupSize(h: number, kvHeads: number): number {
  wholeNumber('h', h);
  wholeNumber('the number of K/V heads', kvHeads);
  if (kvHeads > h) {
    throw new RangeError(`there are ${kvHeads} K/V heads but only h (${h}) query heads: use at most ${h} K/V heads (${h} is plain multi-head attention)`);
  }
  if (h % kvHeads !== 0) {
    throw new RangeError(
      `h (${h}) must be divisible by the number of K/V heads (${kvHeads}), so every group has as many query heads; ` +
        `K/V head counts near ${kvHeads} that work: ${nearestDivisors(h, kvHeads).join(' or ')}`,
    );
  }
  return h / kvHeads;
}

/** Size of an attention layer whose K/V heads may be shared. */
export interface GqaSize {
  dModel: number;
  /** Query heads; must divide dModel. */
  h: number;
  /** K/V heads; must divide h. Default h (multi-head attention); 1 is multi-query attention. */
  kvHeads?: number;
  /** Count the four bias vectors. Default true. */
  bias?: boolean;
}

/** Parameters of one attention layer, matrix by matrix. */
export interface ParameterBreakdown {
  /** W_Q: d_model × d_model. */
  wq: number;
  /** W_K: d_model × (kvHeads·d_k). */
  wk: number;
  /** W_V: d_model × (kvHeads·d_k). */
  wv: number;
  /** W_O: d_model × d_model. */
  wo: number;
  /** b_Q, b_K, b_V, b_O: d_model + 2·kvHeads·d_k + d_model, or 0 without biases. */
  biases: number;
  total: number;
}

/**
 * Parameters of one attention layer with `kvHeads` shared K/V heads, split by matrix.
 * With kvHeads = h (the default) this is multi-head attention: 4·d_model² (+ 4·d_model),
 * whatever h is, the same total as {@link parameterCount}.
 */
export function parameterBreakdown({ dModel, h, kvHeads = h, bias = true }: GqaSize): ParameterBreakdown {
  const dK = headDim(dModel, h);
  kvGroupSize(h, kvHeads);
  const kvWidth = kvHeads * dK; // columns of W_K and W_V
  const wq = dModel * dModel;
  const wk = dModel * kvWidth;
  const wv = dModel * kvWidth;
  const wo = dModel * dModel;
  const biases = bias ? dModel + 2 * kvWidth + dModel : 0;
  return { wq, wk, wv, wo, biases, total: wq + wk + wv + wo + biases };
}

/** What a decoder caches per token: the keys and values of every layer. */
export interface KvCacheSize {
  /** Layers that cache keys and values. */
  layers: number;
  /** K/V heads per layer (h for MHA, 1 for MQA). */
  kvHeads: number;
  /** Width of one head, d_k = d_v = d_model / h. */
  dHead: number;
  /** Bytes per stored number: 4 (float32), 2 (float16, bfloat16), 1 (int8). Default 2. */
  bytesPerValue?: number;
  /** Tokens cached. Default 1. */
  tokens?: number;
  /** Sequences cached side by side. Default 1. */
  batch?: number;
}

/**
 * Bytes of the key/value cache: 2 (K and V) · layers · kvHeads · dHead · bytesPerValue,
 * per token and per sequence. Going from MHA (kvHeads = h) to MQA (kvHeads = 1) divides
 * it by h (Shazeer 2019; Ainslie et al. 2023).
 */
export function kvCacheBytes({ layers, kvHeads, dHead, bytesPerValue = 2, tokens = 1, batch = 1 }: KvCacheSize): number {
  wholeNumber('layers', layers);
  wholeNumber('the number of K/V heads', kvHeads);
  wholeNumber('dHead', dHead);
  wholeNumber('bytesPerValue', bytesPerValue);
  wholeNumber('tokens', tokens, 0);
  wholeNumber('batch', batch);
  return 2 * layers * kvHeads * dHead * bytesPerValue * tokens * batch;
}

/** One row of {@link kvHeadSweep}. */
export interface KvHeadRow {
  kvHeads: number;
  /** Query heads per K/V head. */
  groupSize: number;
  /** "MHA", "MQA" or "GQA-<kvHeads>" (GQA-1 = MQA, GQA-h = MHA). */
  name: string;
  /** Parameters of one layer, by matrix. */
  parameters: ParameterBreakdown;
  /** K/V cache bytes per token, all layers. */
  kvBytesPerToken: number;
}

/**
 * Every way of sharing K/V heads for one configuration: kvHeads runs over the divisors of
 * h from h (multi-head) down to 1 (multi-query).
 */
export function kvHeadSweep({ dModel, h, layers, bias = true, bytesPerValue = 2 }: { dModel: number; h: number; layers: number; bias?: boolean; bytesPerValue?: number }): KvHeadRow[] {
  const dHead = headDim(dModel, h);
  const rows: KvHeadRow[] = [];
  for (let kvHeads = h; kvHeads >= 1; kvHeads--) {
    if (h % kvHeads !== 0) continue;
    rows.push({
      kvHeads,
      groupSize: h / kvHeads,
      name: kvHeads === h ? 'MHA' : kvHeads === 1 ? 'MQA' : `GQA-${kvHeads}`,
      parameters: parameterBreakdown({ dModel, h, kvHeads, bias }),
      kvBytesPerToken: kvCacheBytes({ layers, kvHeads, dHead, bytesPerValue }),
    });
  }
  return rows;
}

/** Options of {@link initAttentionWeights}. */
export interface InitOptions extends GqaSize {
  /** Seed of the random entries. Default 0. */
  seed?: number;
}

/**
 * Instantiate the weights of one attention layer, with N(0, 1/d_model) entries and zero
 * biases: W_Q and W_O are d_model×d_model, W_K and W_V d_model×(kvHeads·d_k). With
 * kvHeads = h these are exactly what {@link multiHeadAttention} takes.
 */
export function initAttentionWeights({ dModel, h, kvHeads = h, bias = true, seed = 0 }: InitOptions): MhaWeights {
  const dK = headDim(dModel, h);
  kvGroupSize(h, kvHeads);
  const rng = mulberry32(seed);
  const std = 1 / Math.sqrt(dModel);
  const kvWidth = kvHeads * dK;
  const weights: MhaWeights = {
    wq: randomMatrix(dModel, dModel, rng, std),
    wk: randomMatrix(dModel, kvWidth, rng, std),
    wv: randomMatrix(dModel, kvWidth, rng, std),
    wo: randomMatrix(dModel, dModel, rng, std),
  };
  if (bias) {
    weights.bq = new Array<number>(dModel).fill(0);
    weights.bk = new Array<number>(kvWidth).fill(0);
    weights.bv = new Array<number>(kvWidth).fill(0);
    weights.bo = new Array<number>(dModel).fill(0);
  }
  return weights;
}

/**
 * The weights each head owns, counted from instantiated matrices: head i uses columns
 * [i·d_k, (i+1)·d_k) of W_Q (cut with {@link splitHeads}), rows [i·d_k, (i+1)·d_k) of W_O,
 * and the columns of its K/V head in W_K and W_V, which a group of h/kvHeads query
 * heads shares (each shared block is counted once, with the group's first head).
 * The counts add up to the weights' matrices, whatever h is; biases are not included.
 */
export function weightsPerHead(weights: MhaWeights, h: number): number[] {
  const kvHeads = weights.wk.columns / headDim(weights.wq.columns, h);
  const group = kvGroupSize(h, kvHeads);
  const q = splitHeads(weights.wq, h); // h × (dModel, dK)
  const o = splitHeads(weights.wo.transpose(), h); // h × (dModel, dK): rows of W_O, transposed
  const k = splitHeads(weights.wk, kvHeads); // kvHeads × (dModel, dK)
  const v = splitHeads(weights.wv, kvHeads); // kvHeads × (dModel, dK)
  const size = (m: Matrix) => m.rows * m.columns;
  return q.map((qi, i) => {
    const owner = i % group === 0; // the first head of its group carries the shared K/V block
    const kv = owner ? size(k[i / group]) + size(v[i / group]) : 0;
    return size(qi) + size(o[i]) + kv;
  });
}

/** Options of {@link groupedQueryAttention}. */
export interface GqaOptions {
  /** Query heads; must divide d_model. */
  h: number;
  /** K/V heads; must divide h. Default: read from the width of W_K. */
  kvHeads?: number;
  /** Let position i attend only to positions j ≤ i. Default false. */
  causal?: boolean;
}

/** What grouped-query attention computed. */
export interface GqaTrace {
  /** (n, d_model) X·W_Q + b_Q. */
  q: Matrix;
  /** (n, kvHeads·d_k) X·W_K + b_K: one block of d_k columns per K/V head. */
  k: Matrix;
  /** (n, kvHeads·d_k) X·W_V + b_V. */
  v: Matrix;
  /** Per query head: which K/V head it read, its (n, n) weights and (n, d_k) output. */
  heads: { kvHead: number; weights: Matrix; output: Matrix }[];
  /** (n, d_model) concat·W_O + b_O. */
  output: Matrix;
  dK: number;
  kvHeads: number;
}

/**
 * Grouped-query self-attention (Ainslie et al. 2023): query head i attends with K/V head
 * ⌊i / (h/kvHeads)⌋. kvHeads = h is multi-head attention, kvHeads = 1 multi-query attention
 * (Shazeer 2019). Same conventions as multiHeadAttention: rows are tokens, y = x·W + b.
 *
 * @param x (n, d_model) input; not modified.
 * @param weights W_Q, W_O (d_model×d_model), W_K, W_V (d_model×kvHeads·d_k), optional biases.
 * @throws RangeError when h does not divide d_model, kvHeads does not divide h, or W_K and
 *   W_V do not have kvHeads·d_k columns.
 */
export function groupedQueryAttention(x: Matrix, weights: MhaWeights, options: GqaOptions): GqaTrace {
  const { h, causal = false } = options;
  const dModel = x.columns;
  const dK = headDim(dModel, h);
  const kvHeads = options.kvHeads ?? weights.wk.columns / dK;
  const group = kvGroupSize(h, kvHeads);
  for (const name of ['wk', 'wv'] as const) {
    const w = weights[name];
    if (w.rows !== dModel || w.columns !== kvHeads * dK) {
      throw new RangeError(`${name} is ${w.rows}×${w.columns} but ${kvHeads} K/V heads of width ${dK} need ${dModel}×${kvHeads * dK}`);
    }
  }
  const q = linear(x, weights.wq, weights.bq); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const k = linear(x, weights.wk, weights.bk); // (n, dModel)·(dModel, kvHeads·dK) → (n, kvHeads·dK)
  const v = linear(x, weights.wv, weights.bv); // (n, dModel)·(dModel, kvHeads·dK) → (n, kvHeads·dK)
  const qs = splitHeads(q, h); // h × (n, dK)
  const ks = splitHeads(k, kvHeads); // kvHeads × (n, dK)
  const vs = splitHeads(v, kvHeads); // kvHeads × (n, dK)
  const heads = qs.map((qi, i) => {
    const kvHead = Math.floor(i / group);
    const { weights: w, output } = scaledDotProductAttention(qi, ks[kvHead], vs[kvHead], { causal });
    return { kvHead, weights: w, output };
  });
  const concat = mergeHeads(heads.map((hd) => hd.output)); // h × (n, dK) → (n, dModel)
  const output = linear(concat, weights.wo, weights.bo); // (n, dModel)·(dModel, dModel) → (n, dModel)
  return { q, k, v, heads, output, dK, kvHeads };
}
