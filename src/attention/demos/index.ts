/**
 * What one lesson's demonstration needs, kept apart from the library in ../index.ts:
 * lesson 1's seeded example and √d_k experiment, lesson 2's two-relations task and the
 * split check, lesson 3's batched form on a small Tensor type. Built from the library's
 * functions; ml-matrix and src/attention only.
 */
export { tokenize, embedTokens, oneHeadExample, type OneHeadOptions, type OneHeadExample } from './example';
export { scalingExperiment, type ScalingRow, type ScalingOptions } from './scaling';
export {
  TWO_RELATIONS_LETTERS, TWO_RELATIONS_MAX_N, TWO_RELATIONS_D_MODEL, twoRelationsInput, twoRelationsTarget,
  twoHeadWeights, oneHeadWeights, compareOneAndTwoHeads, type TwoRelationsResult,
} from './twoRelations';
export { projectThenSplit, perHeadProjections, splitDifference } from './projections';
export { Tensor, matmul as batchedMatmul, transposeLast, softmaxLast, addKeyMask } from './tensor';
export { batchedMultiHeadAttention, traceShapes, stackMatrices, tensorOf, scoreRank, type ShapeStep, type BatchedResult, type BatchedOptions } from './batched';
export { OPPOSING_TOKENS, opposingHeadsExample, mergeSignal, type OpposingOptions, type OpposingHeads, type MergeSignal } from './opposingHeads';
export { crossAttentionExample, type CrossAttentionOptions, type CrossAttentionExample } from './crossAttention';
