/**
 * A sweep over h in a Web Worker, from the page: progress at every evaluation, each
 * model as it finishes, a promise of the whole sweep, and cancel (the worker is
 * terminated; the models that finished are kept).
 */
import type { LabSettings, SweepModel } from '../../training/lab';
import type { TrainPoint } from '../../training/train';
import type { SweepMessage } from './run';
import { WorkerJob, type Step } from '../../workers/worker-job';

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

/** One sweep in its own worker. */
export class SweepJob extends WorkerJob<SweepMessage, SweepRun> {
  #models: SweepModel[] = [];
  #partial: { h: number; step: number } | null = null;
  readonly #handlers: SweepHandlers;

  constructor(settings: LabSettings, handlers: SweepHandlers = {}) {
    super(() => new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' }), { type: 'sweep', settings });
    this.#handlers = handlers;
  }

  protected receive(m: SweepMessage): Step<SweepRun> {
    if (m.type === 'progress') {
      this.#partial = { h: m.h, step: m.point.step };
      this.#handlers.progress?.(m.h, m.index, m.point);
    } else if (m.type === 'model') {
      this.#models.push(m.model);
      this.#partial = null;
      this.#handlers.model?.(m.model, m.index);
    } else if (m.type === 'done') {
      return { done: true, value: { models: [...this.#models], ms: m.ms } };
    }
    return { done: false };
  }

  protected cancelled(): Error {
    return new SweepCancelled([...this.#models], this.#partial);
  }
}
