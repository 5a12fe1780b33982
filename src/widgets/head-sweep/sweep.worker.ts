/// <reference lib="webworker" />
/**
 * Runs lesson 6's sweep off the main thread (see run.ts). Training is one synchronous
 * loop, so the page cancels by terminating this worker (see job.ts).
 */
import { runSweep, type SweepMessage, type SweepRequest } from './run';

const post = (m: SweepMessage) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.addEventListener('message', (event: MessageEvent<SweepRequest>) => runSweep(event.data, post));
