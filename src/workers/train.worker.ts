/// <reference lib="webworker" />
/**
 * Trains the lab's model off the main thread with the same code as `npm run lab`, so the
 * same seed gives the same model. Posts a progress point at each evaluation. Training is
 * one synchronous loop, so the page cancels by terminating the worker (see client.ts).
 */
import { labConfig, labTask, labTestSets, train } from '../training';
import type { FromWorker, ToWorker } from './protocol';

const post = (m: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

/** Handle one message; exported for tests that run it without a worker. */
export function handle(message: ToWorker): void {
  const { id, settings } = message;
  try {
    const task = labTask(settings);
    const config = { ...labConfig(settings, message.h ?? settings.model.h), layers: message.layers ?? settings.model.layers };
    const { monitor } = labTestSets(settings);
    const t0 = performance.now();
    const run = train(config, task, {
      ...settings.train, test: monitor,
      onProgress: (point) => post({ type: 'progress', id, point, fraction: point.step / settings.train.steps }),
    });
    post({ type: 'done', id, history: run.history, flat: run.params.flat, ms: performance.now() - t0 });
  } catch (err) {
    post({ type: 'error', id, message: (err as Error).message });
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => handle(event.data));
