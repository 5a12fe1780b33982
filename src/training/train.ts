import { mulberry32 } from '../attention';
import { Adam } from './adam';
import { crossEntropy, scoreLogits } from './engine';
import { backward, forward, fullMask, initParams, type HeadMask, type ModelConfig } from './model';
import type { ModelParams } from './params';
import { dataset, type Example, type Task } from './tasks';

/** Accuracy and loss of a model on a set of examples. */
export interface Evaluation {
  /** Fraction of scored positions predicted right, in [0, 1]. */
  accuracy: number;
  /** Mean cross-entropy per scored position. */
  loss: number;
}

/** Evaluate under a head mask (default: every head on). */
export function evaluate(p: ModelParams, c: ModelConfig, examples: readonly Example[], mask: HeadMask = fullMask(c), chunk = 16): Evaluation {
  let correct = 0;
  let count = 0;
  let loss = 0;
  for (let start = 0; start < examples.length; start += chunk) {
    const part = examples.slice(start, start + chunk);
    const r = scoreLogits(forward(p, c, part.map((e) => e.tokens), mask).logits, c.vocab, part.flatMap((e) => e.targets));
    correct += r.correct;
    count += r.count;
    loss += r.loss * r.count;
  }
  return { accuracy: count ? correct / count : 0, loss: count ? loss / count : 0 };
}

/** Settings of a training run. */
export interface TrainOptions {
  steps: number;
  batch: number;
  lr: number;
  /** Seed of the initial weights and of the training data. */
  seed: number;
  /** Test examples, evaluated every `evalEvery` steps. */
  test: readonly Example[];
  evalEvery?: number;
  /** Called after each evaluation, with the model as it is then; return false to stop (cancel). */
  onProgress?: (point: TrainPoint, params: ModelParams) => boolean | void;
}

/** One point of the training curve. */
export interface TrainPoint {
  step: number;
  /** Mean training loss over the steps since the last point. */
  trainLoss: number;
  test: Evaluation;
}

/** Result of {@link train}. */
export interface TrainResult {
  params: ModelParams;
  history: TrainPoint[];
  /** False when onProgress asked to stop. */
  completed: boolean;
}

/**
 * Train with Adam on freshly drawn batches (seeded, so the same seed gives the same
 * model in Node, in a Worker and in the page).
 */
export function train(c: ModelConfig, task: Task, o: TrainOptions): TrainResult {
  const params = initParams(c, o.seed);
  const adam = new Adam({ lr: o.lr });
  const rng = mulberry32(o.seed ^ 0x5bd1e995);
  const history: TrainPoint[] = [];
  const evalEvery = o.evalEvery ?? 25;
  let sinceLast = 0;
  let lossSum = 0;
  for (let step = 1; step <= o.steps; step++) {
    const batch = Array.from({ length: o.batch }, () => task.sample(rng));
    const f = forward(params, c, batch.map((e) => e.tokens));
    const r = crossEntropy(f.logits, c.vocab, batch.flatMap((e) => e.targets));
    lossSum += r.loss;
    const grads = backward(params, c, f, r.dLogits).params;
    adam.step(params.flat, grads.flat);
    sinceLast++;
    if (step % evalEvery === 0 || step === o.steps) {
      const point = { step, trainLoss: lossSum / sinceLast, test: evaluate(params, c, o.test) };
      history.push(point);
      sinceLast = 0;
      lossSum = 0;
      if (o.onProgress?.(point, params) === false) return { params, history, completed: false };
    }
  }
  return { params, history, completed: true };
}

export { dataset };
