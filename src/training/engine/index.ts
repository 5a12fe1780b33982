/**
 * The training engine: what makes training and evaluation fast. Flat Float64Arrays,
 * packed batches, fused loops. Tested equal to the reference in src/attention (which is
 * what lessons show) on PyTorch's cases and on random shapes.
 */
export { mm, mmAdd, mmTAAdd, mmTBAdd, productAdd, addRow, columnSumsAdd, softmaxInPlace, argmax, logSumExp } from './kernels';
export { mhaForward, mhaBackward, headContributions, attentionRow, type FlatMhaWeights, type MhaShape, type MhaCache } from './mha';
export {
  embed, mlpForward, readout, forward, backward, fullMask, crossEntropy, scoreLogits, flatAttention,
  type EngineConfig, type HeadMask, type LayerCache, type ForwardResult, type ModelGradients, type LossResult, type Scores,
} from './model';
