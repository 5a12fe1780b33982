/**
 * A sweep over h in a Web Worker, from the page: progress at every evaluation, each
 * model as it finishes, a promise of the whole sweep, and cancel (the worker is
 * terminated; the models that finished are kept).
 */
import type { LabSettings, SweepModel } from '../../training/lab';
import type { TrainPoint } from '../../training/train';
import type { SweepMessage } from './run';

/** What a finished sweep returns. */
export interface SweepRun {
  models: SweepModel[];
  /** Time inside the worker, in ms. */
  ms: number;
}

/** Where a cancelled sweep stood: the finished models, and how far the next one got. */
export class SweepCancelled extends Error {
  constructor(readonly models: SweepModel[], readonly partial: { h: number; step: number } | null) {
    super('the sweep was cancelled');
  }
}

/** Callbacks of a {@link SweepJob}. */
export interface SweepHandlers {
  /** After each evaluation of the model with `h` heads (the `index`-th of the sweep). */
  progress?(h: number, index: number, point: TrainPoint): void;
  /** When a model has been trained and scored. */
  model?(model: SweepModel, index: number): void;
}

let nextId = 1;

/** One sweep in its own worker. */
export class SweepJob {
  readonly done: Promise<SweepRun>;
  #worker: Worker;
  #models: SweepModel[] = [];
  #partial: { h: number; step: number } | null = null;
  #reject!: (reason: unknown) => void;
  #finished = false;

  constructor(settings: LabSettings, handlers: SweepHandlers = {}) {
    const id = nextId++;
    this.#worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' });
    this.done = new Promise<SweepRun>((resolve, reject) => {
      this.#reject = reject;
      this.#worker.onmessage = (event: MessageEvent<SweepMessage>) => {
        const m = event.data;
        if (m.id !== id || this.#finished) return;
        if (m.type === 'progress') {
          this.#partial = { h: m.h, step: m.point.step };
          handlers.progress?.(m.h, m.index, m.point);
        } else if (m.type === 'model') {
          this.#models.push(m.model);
          this.#partial = null;
          handlers.model?.(m.model, m.index);
        } else if (m.type === 'done') {
          this.#finish();
          resolve({ models: [...this.#models], ms: m.ms });
        } else {
          this.#finish();
          reject(new Error(m.message));
        }
      };
      this.#worker.onerror = (event) => {
        event.preventDefault(); // reported through the promise, not the console
        this.#finish();
        reject(new Error(event.message || 'the training worker failed to start'));
      };
    });
    this.#worker.postMessage({ type: 'sweep', id, settings });
  }

  #finish(): void {
    this.#finished = true;
    this.#worker.terminate();
  }

  /** Stop now: the worker is terminated and `done` rejects with {@link SweepCancelled}. */
  cancel(): void {
    if (this.#finished) return;
    this.#finish();
    this.#reject(new SweepCancelled([...this.#models], this.#partial));
  }
}
