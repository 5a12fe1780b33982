import { ablateEach, headImportance, keepOnePerLayer, pruningCurve } from './heads';
import type { ModelConfig } from './model';
import type { ModelParams } from './params';
import { dataset, previousMinusFirst, type Example, type Task } from './tasks';
import { evaluate, train, type Evaluation, type TrainPoint } from './train';

/** Everything the ablation lab needs to reproduce its results. */
export interface LabSettings {
  task: { vocab: number; seqLen: number };
  model: Omit<ModelConfig, 'vocab' | 'seqLen'>;
  train: { steps: number; batch: number; lr: number; seed: number; evalEvery: number };
  /**
   * Size and seed of the held-out set used for every number the lab reports; the
   * training curve is measured on its first `monitor` examples, to keep training fast.
   */
  test: { size: number; seed: number; monitor: number };
  /** Examples over which importance is averaged. */
  importanceExamples: number;
  /** Seed of the random pruning order. */
  randomSeed: number;
  /**
   * The sweep over h: head counts (each must divide model.dModel) at the same width and
   * training budget, with `layers` attention layers (one layer makes a single head
   * find both positions itself; two layers could split the work across layers).
   */
  sweep: { hs: number[]; layers: number };
}

/** The lab's default: a 2-layer, 4-head model with more heads than the task needs. */
export const LAB_DEFAULTS: LabSettings = {
  task: { vocab: 7, seqLen: 8 },
  model: { dModel: 16, h: 4, layers: 2, dHidden: 32, causal: true },
  train: { steps: 300, batch: 16, lr: 0.02, seed: 1, evalEvery: 25 },
  test: { size: 256, seed: 1001, monitor: 64 },
  importanceExamples: 128,
  randomSeed: 7,
  sweep: { hs: [1, 2, 4, 8, 16], layers: 1 },
};

/** The lab's task for some settings. */
export function labTask(s: LabSettings = LAB_DEFAULTS): Task {
  return previousMinusFirst(s.task);
}

/** The model configuration for some settings (optionally with another h). */
export function labConfig(s: LabSettings = LAB_DEFAULTS, h = s.model.h): ModelConfig {
  return { ...s.model, h, vocab: s.task.vocab, seqLen: s.task.seqLen };
}

/** The held-out examples of some settings, and the part of them the training curve uses. */
export function labTestSets(s: LabSettings = LAB_DEFAULTS): { test: Example[]; monitor: Example[] } {
  const test = dataset(labTask(s), s.test.size, s.test.seed);
  return { test, monitor: test.slice(0, s.test.monitor) };
}

/** The JSON document `npm run lab -- --json` prints. */
export interface LabResult {
  settings: LabSettings;
  /** The trained model on the whole test set. */
  full: Evaluation;
  /** The training curve, measured on the monitor set. */
  history: TrainPoint[];
  ablateOne: { layer: number; head: number; accuracy: number; loss: number }[];
  keepOne: { layer: number; head: number; accuracy: number }[];
  importance: { layer: number; head: number; score: number }[];
  pruning: { importance: { pruned: number; accuracy: number }[]; random: { pruned: number; accuracy: number }[] };
  /** Final accuracy and loss on the whole test set; history on the monitor set. */
  sweep: { h: number; layers: number; accuracy: number; loss: number; history: TrainPoint[] }[];
  /** The trained default model, for checkpoints. */
  params: ModelParams;
}

/** Progress of a lab run: which part, and how far (0–1). */
export type LabProgress = (part: string, fraction: number) => void;

const round = (v: number) => Number(v.toFixed(6));

/** Train the default model, take it apart, and sweep h. Deterministic from the settings. */
export function runLab(s: LabSettings = LAB_DEFAULTS, progress: LabProgress = () => {}): LabResult {
  const task = labTask(s);
  const c = labConfig(s);
  const { test, monitor } = labTestSets(s);
  const scoreSet = test.slice(0, s.importanceExamples);
  progress('train', 0);
  const run = train(c, task, { ...s.train, test: monitor, onProgress: (p) => void progress('train', p.step / s.train.steps) });
  const p = run.params;
  progress('analyse', 0);
  const imp = headImportance(p, c, scoreSet);
  const result: LabResult = {
    settings: s,
    full: evaluate(p, c, test),
    history: run.history,
    ablateOne: ablateEach(p, c, test).map(({ layer, head, accuracy, loss }) => ({ layer, head, accuracy: round(accuracy), loss: round(loss) })),
    keepOne: keepOnePerLayer(p, c, test).map(({ layer, head, accuracy }) => ({ layer, head, accuracy: round(accuracy) })),
    importance: imp.flatMap((row, layer) => row.map((score, head) => ({ layer, head, score: round(score) }))),
    pruning: {
      importance: pruningCurve(p, c, test, { by: 'importance', scoreSet }).map(({ pruned, accuracy }) => ({ pruned: round(pruned), accuracy: round(accuracy) })),
      random: pruningCurve(p, c, test, { by: 'random', seed: s.randomSeed }).map(({ pruned, accuracy }) => ({ pruned: round(pruned), accuracy: round(accuracy) })),
    },
    sweep: [],
    params: p,
  };
  s.sweep.hs.forEach((h, i) => {
    progress('sweep', i / s.sweep.hs.length);
    result.sweep.push(sweepModel(s, h));
  });
  progress('done', 1);
  return result;
}

/** One model of the sweep over h, as {@link runLab} reports it. */
export type SweepModel = LabResult['sweep'][number];

/**
 * One step of the sweep over h: train the sweep's model with `h` heads (same width,
 * data, seed and budget for every h), record its curve on the monitor set, and score it
 * on the whole test set. `runLab` and the lesson 6 widget (in a Worker) both call this,
 * so the same settings give the same numbers.
 */
export function sweepModel(s: LabSettings, h: number, onProgress?: (point: TrainPoint) => void): SweepModel {
  const config = { ...labConfig(s, h), layers: s.sweep.layers };
  const { test, monitor } = labTestSets(s);
  const run = train(config, labTask(s), { ...s.train, test: monitor, onProgress });
  const last = evaluate(run.params, config, test);
  return { h, layers: s.sweep.layers, accuracy: round(last.accuracy), loss: round(last.loss), history: run.history };
}
