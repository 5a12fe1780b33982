/// <reference lib="webworker" />
/**
 * The cell sandbox: runs a reader's code off the page, with ml-matrix and the course
 * library (see evaluate.ts). One message in, one result out; nothing is thrown and
 * nothing printed. A run that never ends is stopped by the page terminating this worker.
 */
import { evaluate } from './evaluate';
import type { FromSandbox, ToSandbox } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

// The library may print too (ml-matrix warns about some shapes): into the run's output, never the console.
let printed: string[] | null = null;
for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => {
    if (printed && printed.length < 200) printed.push(args.map(String).join(' '));
  };
}

scope.addEventListener('message', async (event: MessageEvent<ToSandbox>) => {
  const { id, code, task, context } = event.data;
  const logs: string[] = [];
  printed = logs;
  const result = await evaluate({ code, task, context }, logs);
  printed = null;
  const reply: FromSandbox = { id, result: { ...result, ...(logs.length ? { logs } : {}) } as FromSandbox['result'] };
  try {
    scope.postMessage(reply);
  } catch (err) {
    scope.postMessage({ id, result: { kind: 'error', message: `The result could not be sent to the page: ${(err as Error).message}` } } satisfies FromSandbox);
  }
});
scope.postMessage({ ready: true });
// An error outside a run (there should be none) is reported by the page, not printed here.
scope.addEventListener('error', (event) => event.preventDefault());
scope.addEventListener('unhandledrejection', (event) => event.preventDefault());
