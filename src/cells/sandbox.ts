/**
 * The page's side of the cell sandbox: {@link runCell} sends a reader's code and a task to
 * one shared Web Worker and resolves with how it ended. Runs go one at a time, in order.
 * A run longer than its limit terminates the worker (the only way to stop a synchronous
 * loop); the next run starts a fresh one. The page never waits on the worker, so it keeps
 * answering, and no outcome is thrown or printed: every one is a {@link CellResult}.
 */
import type { CellContext, CellResult, CellTask, FromSandbox, ToSandbox } from './protocol';
import { fromWire, toWire, type Wire } from './wire';

export type { CellContext, CellResult, CellTask, ExerciseReport, ExerciseCheck } from './protocol';

/** The default limit of one run, in ms (DESIGN §8: runs over 2 s are stopped). */
export const DEFAULT_TIMEOUT_MS = 2000;

/** What a run returns: a {@link CellResult}, with what the code printed. */
export type CellRun = CellResult & { logs?: string[] };

/** Options of {@link runCell}. */
export interface RunCellOptions {
  /** The reader's TypeScript. */
  code: string;
  /** What to do with it. Default: only run it ({ kind: 'load' }). */
  task?: CellTask;
  /** Stop the run after this many ms. Default {@link DEFAULT_TIMEOUT_MS}. */
  timeoutMs?: number;
  /** The rest of the file the cell was cut from (the code runs in its place). */
  context?: CellContext;
}

let worker: Worker | null = null;
/** Resolves when the current worker has loaded (its first message); false when it failed to. */
let ready: Promise<boolean> = Promise.resolve(false);
let markReady: (ok: boolean) => void = () => {};
let nextId = 1;
let queue: Promise<unknown> = Promise.resolve();
const pending = new Map<number, (result: CellRun) => void>();

/** Made with `new URL(…, import.meta.url)` in place, so the bundler finds the worker. */
function startWorker(): Worker {
  const w = new Worker(new URL('./sandbox.worker.ts', import.meta.url), { type: 'module' });
  ready = new Promise<boolean>((resolve) => (markReady = resolve));
  w.onmessage = (event: MessageEvent<(FromSandbox & { result: { logs?: string[] } }) | { ready: true }>) => {
    if ('ready' in event.data) return markReady(true);
    const { id, result } = event.data;
    const resolve = pending.get(id);
    if (!resolve) return;
    pending.delete(id);
    resolve(result.kind === 'ok' ? { ...result, value: fromWire(result.value as Wire) } : result);
  };
  w.onerror = (event) => {
    event.preventDefault(); // reported in the cell, not the console
    stopWorker({ kind: 'error', message: `The code worker failed: ${event.message || 'it could not start'}` });
  };
  w.onmessageerror = () => stopWorker({ kind: 'error', message: 'The worker sent a result the page could not read.' });
  return w;
}

/** Terminate the worker and end every waiting run with `result`. */
function stopWorker(result: CellRun): void {
  worker?.terminate();
  worker = null;
  markReady(false);
  for (const resolve of pending.values()) resolve(result);
  pending.clear();
}

async function runNow({ code, task = { kind: 'load' }, timeoutMs = DEFAULT_TIMEOUT_MS, context }: RunCellOptions): Promise<CellRun> {
  let message: ToSandbox;
  const id = nextId++;
  try {
    message = { id, code, context, task: task.kind === 'call' || task.kind === 'drive' ? { ...task, args: task.args.map((a, i) => toWire(a, `argument ${i + 1}`)) } : task };
  } catch (err) {
    return { kind: 'error', message: (err as Error).message };
  }
  worker ??= startWorker();
  // The limit is for the reader's code: it starts once the worker has loaded.
  if (!(await ready) || !worker) return { kind: 'error', message: 'The code worker could not start.' };
  return new Promise<CellRun>((resolve) => {
    const timer = setTimeout(() => {
      if (!pending.has(id)) return;
      pending.delete(id);
      stopWorker({ kind: 'timeout', ms: timeoutMs });
      resolve({ kind: 'timeout', ms: timeoutMs });
    }, timeoutMs);
    pending.set(id, (result) => {
      clearTimeout(timer);
      resolve(result);
    });
    worker!.postMessage(message);
  });
}

/**
 * Run a reader's code in the sandbox worker and do `task` with its exports.
 *
 * ```ts
 * const r = await runCell({ code, task: { kind: 'call', name: 'softmaxRows', args: [scores] } });
 * if (r.kind === 'ok') draw(r.value as Matrix);        // Matrix values come back as Matrix
 * else if (r.kind === 'syntax-error') show(`line ${r.line}, column ${r.column}: ${r.message}`);
 * ```
 *
 * Never rejects. A run is timed from when it is sent, after the runs before it finish.
 */
export function runCell(options: RunCellOptions): Promise<CellRun> {
  const run = queue.then(() => runNow(options));
  queue = run.catch(() => undefined);
  return run;
}

/** Start the worker ahead of the first run (the editor calls this when it opens). */
export function warmSandbox(): void {
  worker ??= startWorker();
}

/** Whether the sandbox worker is alive (false before the first run and after a timeout). */
export function sandboxAlive(): boolean {
  return worker !== null;
}
