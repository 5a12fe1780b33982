/**
 * Train the lab's model in a Web Worker from the page: progress as it goes, a promise of
 * the result, and cancel (the worker is terminated; the page keeps what it had).
 */
import type { LabSettings, TrainPoint } from '../training';
import type { FromWorker } from './protocol';
import { WorkerJob, type Step } from './worker-job';

/** What a finished run returns. */
export interface WorkerRun {
  history: TrainPoint[];
  /** The trained model's parameters, end to end (ModelParams.flat). */
  flat: Float64Array;
  /** Training time inside the worker, in ms. */
  ms: number;
}

/** Thrown (as the promise's rejection) when a run is cancelled. */
export class Cancelled extends Error {
  constructor(readonly history: TrainPoint[]) {
    super('training was cancelled');
  }
}

/** One training run in its own worker. */
export class TrainingJob extends WorkerJob<FromWorker, WorkerRun> {
  #history: TrainPoint[] = [];
  readonly #onProgress: (point: TrainPoint, fraction: number) => void;

  constructor(settings: LabSettings, onProgress: (point: TrainPoint, fraction: number) => void, overrides: { h?: number; layers?: number } = {}) {
    super(() => new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }), { type: 'train', settings, ...overrides });
    this.#onProgress = onProgress;
  }

  protected receive(m: FromWorker): Step<WorkerRun> {
    if (m.type === 'progress') {
      this.#history.push(m.point);
      this.#onProgress(m.point, m.fraction);
      return { done: false };
    }
    if (m.type === 'done') return { done: true, value: { history: m.history, flat: m.flat, ms: m.ms } };
    return { done: false };
  }

  protected cancelled(): Error {
    return new Cancelled([...this.#history]);
  }
}
