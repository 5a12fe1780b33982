/**
 * Train the small text model (lesson 10) in a Web Worker from the page: each snapshot as it
 * is measured, a promise of every snapshot, and cancel (the worker is terminated at once).
 */
import type { TextSettings, TextSnapshot } from '../training/text';
import type { FromTextWorker } from './text-train.worker';
import { WorkerJob, type Step } from './worker-job';

/** Thrown (as the promise's rejection) when a run is cancelled: the snapshots so far. */
export class TextCancelled extends Error {
  constructor(readonly snapshots: TextSnapshot[]) {
    super('training was cancelled');
  }
}

/** One run of the small text model in its own worker. */
export class TextTrainingJob extends WorkerJob<FromTextWorker, { snapshots: TextSnapshot[]; ms: number }> {
  #snapshots: TextSnapshot[] = [];
  readonly #onSnapshot: (s: TextSnapshot, fraction: number) => void;

  constructor(settings: TextSettings, sample: { train: string; heldOut: string }, onSnapshot: (s: TextSnapshot, fraction: number) => void) {
    super(() => new Worker(new URL('./text-train.worker.ts', import.meta.url), { type: 'module' }), { type: 'train-text', settings, train: sample.train, heldOut: sample.heldOut });
    this.#onSnapshot = onSnapshot;
  }

  protected receive(m: FromTextWorker): Step<{ snapshots: TextSnapshot[]; ms: number }> {
    if (m.type === 'snapshot') {
      this.#snapshots.push(m.snapshot);
      this.#onSnapshot(m.snapshot, m.fraction);
      return { done: false };
    }
    if (m.type === 'done') return { done: true, value: { snapshots: m.snapshots, ms: m.ms } };
    return { done: false };
  }

  protected cancelled(): Error {
    return new TextCancelled([...this.#snapshots]);
  }
}
