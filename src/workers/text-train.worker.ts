/// <reference lib="webworker" />
/**
 * Trains the small text model (TEXT_SMALL) off the main thread with the same code as
 * `npm run lab -- text`, posting each snapshot (loss, copies, previous-token and induction
 * scores) as it is measured. One synchronous loop: the page cancels by terminating the worker.
 */
import { encode, trainTextModel, type TextSettings, type TextSnapshot } from '../training/text';

/** Page → worker. */
export type ToTextWorker = { type: 'train-text'; id: number; settings: TextSettings; train: string; heldOut: string };

/** Worker → page. */
export type FromTextWorker =
  | { type: 'snapshot'; id: number; snapshot: TextSnapshot; fraction: number }
  | { type: 'done'; id: number; snapshots: TextSnapshot[]; ms: number }
  | { type: 'error'; id: number; message: string };

const post = (m: FromTextWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

/** Handle one message; exported for tests that run it without a worker. */
export function handle(m: ToTextWorker): void {
  try {
    const t0 = performance.now();
    const run = trainTextModel(m.settings, encode(m.train), encode(m.heldOut), (snapshot) => {
      post({ type: 'snapshot', id: m.id, snapshot, fraction: snapshot.step / m.settings.train.steps });
    });
    post({ type: 'done', id: m.id, snapshots: run.snapshots, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', id: m.id, message: (err as Error).message });
  }
}

self.addEventListener('message', (event: MessageEvent<ToTextWorker>) => handle(event.data));
