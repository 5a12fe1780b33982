/**
 * The course's attention core: what the lessons show and the widgets run. Plain ml-matrix
 * (`mmul`, `transpose`, `Matrix` statics, `subMatrix`/`setSubMatrix`), no DOM; the same
 * in Node, in a Worker and in the page. Inputs are never modified.
 *
 * ```ts
 * import { Matrix } from 'ml-matrix';
 * import { multiHeadAttention } from './src/attention';
 * const { output, heads } = multiHeadAttention(x, { wq, wk, wv, wo }, { h: 4, causal: true });
 * // output: (n, d_model); heads[i].weights: (n, n), head i's attention map
 * ```
 *
 * - {@link softmax}, {@link softmaxRows}: the one softmax (stable; −∞ → 0).
 * - {@link causalMask}, {@link applyCausalMask}: query i sees keys j ≤ i.
 * - {@link paddingMask}, {@link applyPaddingMask}: padding keys of a batch are hidden.
 * - {@link linear}: y = x·W + b in the row-vector convention.
 * - {@link scaledDotProductAttention}: softmax(Q·Kᵀ/√d_k)·V, with every intermediate.
 * - {@link headDim}, {@link splitHeads}, {@link mergeHeads}: d_k = d_model / h (the course's
 *   convention), column blocks per head, and back.
 * - {@link multiHeadAttention}: the layer, with the head mask ξ of Michel et al. (2019).
 * - {@link onlineSoftmaxAttention}, {@link onlineSoftmaxTrace}: the same attention walked tile
 *   by tile with a running max and sum (FlashAttention's online softmax).
 * - {@link applyRope}, {@link ropeFrequencies}: rotary position embedding for Q and K (RoFormer).
 * - {@link createKvCache}, {@link prefill}, {@link decodeStep}: one layer's K/V cache while
 *   generating; equal to the causal full pass.
 * - counts, merges and K/V-sharing variants; seeded randomness; engine-independent exp/log.
 *
 * One lesson's demonstrations live in ./demos.
 */
export { softmax, softmaxRows } from './softmax';
export { causalMask, applyCausalMask, paddingMask, applyPaddingMask } from './mask';
export { linear } from './linear';
export { scaledDotProductAttention, type AttentionOptions, type AttentionTrace } from './scaledDotProduct';
export { headDim, nearestDivisors } from './heads';
export { splitHeads, mergeHeads } from './split';
export { multiHeadAttention, type MhaWeights, type MhaOptions, type MhaTrace, type HeadTrace } from './multiHead';
export { onlineSoftmaxAttention, onlineSoftmaxTrace, type OnlineSoftmaxOptions, type OnlineSoftmaxStep } from './onlineSoftmax';
export { applyRope, ropeFrequencies, type RopeOptions } from './rope';
export { createKvCache, cacheLength, prefill, decodeStep, type KvCache, type KvCacheOptions, type DecodeStep } from './kvCache';
export { parameterCount, generalParameterCount, countParameters, forwardFlops, attentionMapEntries, type FlopCount, type LayerSize, type GeneralLayerSize } from './counts';
export { mulberry32, gaussian, hashString, type Rng } from './random';
export { randomMatrix } from './randomMatrix';
export { exp, log, cosTurn } from './exactmath';
export * from './variants';
export * from './merge';
