import { ablateEach, headImportance, keepOnePerLayer, pruningCurve } from './heads';
import type { ModelConfig } from './model';
import type { ModelParams } from './params';
import { mulberry32 } from '../attention';
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
  /**
   * Size and seed of the validation split that head importance is scored on (for the
   * table and for choosing which head to prune next). It is drawn from its own seed and
   * leaves out every sequence of the test set, so the pruning curve is measured on
   * sequences the pruning order never saw. See {@link labValidationSet}.
   */
  validation: { size: number; seed: number };
  /** Seed of the random pruning order. */
  randomSeed: number;
  /**
   * The sweep over h: head counts (each must divide model.dModel) at the same width and
   * training budget, with `layers` attention layers (one layer makes a single head
   * find both positions itself; two layers could split the work across layers). Every h
   * is trained once per seed in `seeds` (seed of the weights and of the training batches;
   * the test set stays the same), so the lesson can say what holds across seeds.
   */
  sweep: { hs: number[]; layers: number; seeds: number[] };
}

/** The lab's default: a 2-layer, 4-head model with more heads than the task needs. */
export const LAB_DEFAULTS: LabSettings = {
  task: { vocab: 7, seqLen: 8 },
  model: { dModel: 16, h: 4, layers: 2, dHidden: 32, causal: true },
  train: { steps: 300, batch: 16, lr: 0.02, seed: 1, evalEvery: 25 },
  test: { size: 256, seed: 1001, monitor: 64 },
  validation: { size: 128, seed: 2002 },
  randomSeed: 7,
  sweep: { hs: [1, 2, 4, 8, 16], layers: 1, seeds: [1, 2, 3, 4, 5] },
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

/**
 * The validation split of some settings: `validation.size` sequences drawn with
 * `validation.seed`, skipping any sequence that is also in the test set, so the two are
 * disjoint. Head importance is scored here, never on the test set that the pruning curve
 * is measured on (scoring on the test set would let the pruning order peek at the very
 * sequences it is judged on). Training batches come from their own seeded stream and are
 * not checked against either set: with 7⁸ ≈ 5.8 million possible sequences, a few
 * thousand training sequences rarely repeat one.
 */
export function labValidationSet(s: LabSettings = LAB_DEFAULTS): Example[] {
  const task = labTask(s);
  const inTest = new Set(labTestSets(s).test.map((e) => e.tokens.join(',')));
  const rng = mulberry32(s.validation.seed);
  const out: Example[] = [];
  for (let drawn = 0; out.length < s.validation.size; drawn++) {
    if (drawn >= 1000 * s.validation.size) throw new Error(`could not draw ${s.validation.size} validation sequences outside the test set: the task has too few distinct sequences`);
    const ex = task.sample(rng);
    if (!inTest.has(ex.tokens.join(','))) out.push(ex);
  }
  return out;
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
  /** Importance I_h of each head, scored on the validation split (not on the test set). */
  importance: { layer: number; head: number; score: number }[];
  /** Accuracy on the test set as heads are removed; the importance order is scored on the validation split. */
  pruning: { importance: { pruned: number; accuracy: number }[]; random: { pruned: number; accuracy: number }[] };
  /**
   * The sweep over h, one model per h and seed (h in order within each seed, seeds in the
   * order of settings.sweep.seeds): final accuracy and loss on the whole test set;
   * history on the monitor set.
   */
  sweep: { h: number; seed: number; layers: number; accuracy: number; loss: number; history: TrainPoint[] }[];
  /** The trained default model, for checkpoints. */
  params: ModelParams;
}

/** Progress of a lab run: which part, and how far (0–1). */
export type LabProgress = (part: string, fraction: number) => void;

const round = (v: number) => Number(v.toFixed(6));

/**
 * Train the default model, take it apart, and sweep h at every seed of the sweep.
 * Deterministic from the settings. Importance (and the importance pruning order) is
 * scored on the validation split; every accuracy and loss is measured on the test set.
 */
export function runLab(s: LabSettings = LAB_DEFAULTS, progress: LabProgress = () => {}): LabResult {
  const task = labTask(s);
  const c = labConfig(s);
  const { test, monitor } = labTestSets(s);
  const scoreSet = labValidationSet(s);
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
  const runs = s.sweep.seeds.flatMap((seed) => s.sweep.hs.map((h) => ({ seed, h })));
  runs.forEach(({ seed, h }, i) => {
    progress('sweep', i / runs.length);
    result.sweep.push(sweepModel({ ...s, train: { ...s.train, seed } }, h));
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
  return { h, seed: s.train.seed, layers: s.sweep.layers, accuracy: round(last.accuracy), loss: round(last.loss), history: run.history };
}
