/**
 * The course's attention core: pure functions on ml-matrix, no DOM. Runs the same in
 * Node, in a Worker and in the page.
 *
 * ```ts
 * import { Matrix } from 'ml-matrix';
 * import { multiHeadAttention } from './src/attention';
 * const { output, heads } = multiHeadAttention(x, { wq, wk, wv, wo }, { h: 4 });
 * ```
 */
export { softmaxRows } from './softmax';
export { causalMask, applyCausalMask, applyAttentionMask } from './mask';
export { linear } from './linear';
export { scaledDotProductAttention, type AttentionOptions, type AttentionTrace } from './scaledDotProduct';
export { headDim, nearestDivisors, splitHeads, mergeHeads } from './heads';
export { multiHeadAttention, type MhaWeights, type MhaOptions, type MhaTrace, type HeadTrace } from './multiHead';
export { parameterCount, countParameters, forwardFlops, attentionMapEntries, type FlopCount, type LayerSize } from './counts';
export { mulberry32, gaussian, randomMatrix, hashString, type Rng } from './random';
export { exp, log, cosTurn } from './exactmath';
export { scalingExperiment, type ScalingRow, type ScalingOptions } from './scaling';
export { tokenize, embedTokens, oneHeadExample, type OneHeadOptions, type OneHeadExample } from './example';
export * from './variants';
export * from './merge';
export {
  TWO_RELATIONS_LETTERS, TWO_RELATIONS_MAX_N, TWO_RELATIONS_D_MODEL, twoRelationsInput, twoRelationsTarget,
  twoHeadWeights, oneHeadWeights, compareOneAndTwoHeads, type TwoRelationsResult,
} from './twoRelations';
export { projectThenSplit, perHeadProjections, splitDifference } from './projections';
export { Tensor, matmul as batchedMatmul, transposeLast, softmaxLast } from './tensor';
export { batchedMultiHeadAttention, traceShapes, stackMatrices, tensorOf, scoreRank, type ShapeStep, type BatchedResult } from './batched';
export { zeros, matmul, matmulTA, matmulTB, added, columnBlock, rows, block, place, scaledBy, innerProduct, relu, addRowInPlace, addInPlace } from './linalg';
