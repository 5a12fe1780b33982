/**
 * The text model: characters of the Brown Corpus, a two-layer attention-only transformer,
 * and the detectors and ablations that find its previous-token and induction heads.
 */
export {
  TEXT_ALPHABET, TEXT_VOCAB, encode, decode, outsideAlphabet, cleanBrown, splitCorpus, randomWindow, nextTokenExample, trainingSequence, repeatedRandom,
  type TextSplit, type TextExample, type RepeatSettings,
} from './corpus';
export { previousTokenScore, inductionScore, headMap, headScores, poolScores, type AttentionRows, type Detector } from './scores';
export {
  TEXT_DEFAULTS, TEXT_SMALL, TEXT_SAMPLE, textConfig, textTask, evaluationSets, copyTargets, scoreRepeats, scoreText, evaluateTextModel, trainTextModel, snapshot, circuitCriteria, formingCurves,
  type TextSettings, type EvaluationSets, type RepeatScores, type AblationResult, type TextEvaluation, type TextSnapshot, type TextTrainResult, type Criterion, type FormingPoint,
} from './lab';
export { TEXT_CHECKPOINT_FORMAT, toBase64, fromBase64, roundToFloat32, textCheckpointJson, parseTextCheckpoint, type TextCheckpointJson } from './checkpoint';
export { analyseText, inductionScoreByTokens, repeatedTargets, topTokens, REPEAT_SPAN, TEXT_DETECTORS, type TextAnalysis, type Guess } from './analyse';
