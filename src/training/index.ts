/**
 * Training, pure (no DOM): gradients, optimiser, tasks, trainer, head importance and
 * pruning, the ablation lab. Speed lives in ./engine (flat typed arrays, tested equal to
 * the plain ml-matrix reference). Runs the same in Node, in a Worker and in the page.
 */
export { mhaGradients, mhaBackward, type MhaGradients } from './mhaBackward';
export { initParams, forward, backward, fullMask, layerWeights, checkConfig, type ModelConfig, type HeadMask, type ForwardResult, type ModelGradients } from './model';
export { allocateParams, namedWeights, parameterTotal, toMatrix, toArrays, type ModelParams, type LayerParams, type Weight } from './params';
export { crossEntropy, scoreLogits, type LossResult, type Scores } from './engine';
export { Adam, type AdamOptions } from './adam';
export { previousMinusFirst, dataset, targetsFor, type Task, type Example } from './tasks';
export { train, evaluate, type TrainOptions, type TrainPoint, type TrainResult, type Evaluation } from './train';
export { headImportance, ablateEach, keepOnePerLayer, pruningCurve, allHeads, withHeads, firstHeads, type HeadId, type PruningPoint } from './heads';
export { runLab, sweepModel, labTask, labConfig, labTestSets, labValidationSet, LAB_DEFAULTS, type LabSettings, type LabResult, type LabProgress, type SweepModel } from './lab';
export { parseCheckpoint, checkpointJson, type Checkpoint, type CheckpointJson } from './checkpoint';
export { MaskedEvaluator, maskedSum, type LayerStep, type LayerSum, type MaskedRun } from './ablation';
export {
  roleScores, topKeys, topKeysOfRow, entropy, keyProfile, meanRoleScores, headRoles, headKeyProfiles, sequenceRoles, attentionMaps, ROLE_NAMES,
  type RoleScores, type AttendedKey, type AttentionMap,
} from './roles';
