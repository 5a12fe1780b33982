/**
 * Training on ml-matrix, pure (no DOM): backward passes, optimiser, tasks, trainer,
 * head importance. Runs the same in Node, in a Worker and in the page.
 */
export { mhaGradients, mhaBackward, softmaxRowsBackward, type MhaGradients } from './mhaBackward';
export { initParams, forward, backward, fullMask, layerWeights, checkConfig, type ModelConfig, type Params, type HeadMask, type ForwardResult, type ModelGradients } from './model';
export { crossEntropy, type LossResult } from './loss';
export { Adam, type AdamOptions } from './adam';
export { previousMinusFirst, dataset, targetsFor, type Task, type Example } from './tasks';
export { train, evaluate, type TrainOptions, type TrainPoint, type TrainResult, type Evaluation } from './train';
export { headImportance, ablateEach, keepOnePerLayer, pruningCurve, allHeads, withHeads, firstHeads, type HeadId, type PruningPoint } from './heads';
export { runLab, sweepModel, labTask, labConfig, labTestSets, LAB_DEFAULTS, type LabSettings, type LabResult, type LabProgress, type SweepModel } from './lab';
export { parseCheckpoint, type Checkpoint } from './checkpoint';
export { MaskedEvaluator, type MaskedRun } from './ablation';
export { roleScores, topKeys, entropy, keyProfile, meanRoleScores, headRoles, headKeyProfiles, sequenceRoles, ROLE_NAMES, type RoleScores, type AttendedKey, type AttentionMap } from './roles';
