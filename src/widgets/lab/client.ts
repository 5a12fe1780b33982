/**
 * Train the lab's model in a Web Worker from the page: progress as it goes, a promise of
 * the result, and cancel (the worker is terminated; the page keeps what it had).
 */
import type { LabSettings, TrainPoint } from '../../training';
import type { FromWorker } from './protocol';

/** What a finished run returns. */
export interface WorkerRun {
  history: TrainPoint[];
  params: Record<string, number[][]>;
  /** Training time inside the worker, in ms. */
  ms: number;
}

/** Thrown (as the promise's rejection) when a run is cancelled. */
export class Cancelled extends Error {
  constructor(readonly history: TrainPoint[]) {
    super('training was cancelled');
  }
}

let nextId = 1;

/** One training run in its own worker. */
export class TrainingJob {
  readonly done: Promise<WorkerRun>;
  #worker: Worker;
  #history: TrainPoint[] = [];
  #reject!: (reason: unknown) => void;
  #finished = false;

  constructor(settings: LabSettings, onProgress: (point: TrainPoint, fraction: number) => void, overrides: { h?: number; layers?: number } = {}) {
    const id = nextId++;
    this.#worker = new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' });
    this.done = new Promise<WorkerRun>((resolve, reject) => {
      this.#reject = reject;
      this.#worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.id !== id) return;
        if (m.type === 'progress') {
          this.#history.push(m.point);
          onProgress(m.point, m.fraction);
        } else if (m.type === 'done') {
          this.#finish();
          resolve({ history: m.history, params: m.params, ms: m.ms });
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
    this.#worker.postMessage({ type: 'train', id, settings, ...overrides });
  }

  #finish(): void {
    this.#finished = true;
    this.#worker.terminate();
  }

  /** Stop now: the worker is terminated and `done` rejects with {@link Cancelled}. */
  cancel(): void {
    if (this.#finished) return;
    this.#finish();
    this.#reject(new Cancelled([...this.#history]));
  }
}
