/**
 * One request to a module Worker of its own, as a promise: messages are matched to the
 * request by id, an error message or a worker that fails to start rejects the promise
 * (never the console), and cancel terminates the worker at once, which is the only way
 * to stop a synchronous training loop. Subclasses say what each message means.
 */

/** What every worker message carries; `error` is handled here. */
export type WorkerMessage = { id: number; type: string; message?: string };

/** A subclass's reading of one message: keep going, or finish with a value. */
export type Step<R> = { done: false } | { done: true; value: R };

let nextId = 1;

export abstract class WorkerJob<M extends WorkerMessage, R> {
  readonly done: Promise<R>;
  #worker: Worker;
  #reject!: (reason: unknown) => void;
  #finished = false;

  /**
   * @param start Creates the worker. Write it as `() => new Worker(new URL('./x.worker.ts',
   *   import.meta.url), { type: 'module' })` at the call site: bundlers find workers by that shape.
   * @param request The message that starts the work (its `id` is added here).
   */
  constructor(start: () => Worker, request: Record<string, unknown>) {
    const id = nextId++;
    this.#worker = start();
    this.done = new Promise<R>((resolve, reject) => {
      this.#reject = reject;
      this.#worker.onmessage = (event: MessageEvent<M>) => {
        const m = event.data;
        if (m.id !== id || this.#finished) return;
        if (m.type === 'error') {
          this.#finish();
          reject(new Error(m.message ?? 'the worker failed'));
          return;
        }
        const step = this.receive(m);
        if (step.done) {
          this.#finish();
          resolve(step.value);
        }
      };
      this.#worker.onerror = (event) => {
        event.preventDefault(); // reported through the promise, not the console
        this.#finish();
        reject(new Error(event.message || 'the training worker failed to start'));
      };
    });
    this.#worker.postMessage({ ...request, id });
  }

  /** Read one message of this request (not an error). */
  protected abstract receive(message: M): Step<R>;

  /** The error `done` rejects with when the job is cancelled. */
  protected abstract cancelled(): Error;

  #finish(): void {
    this.#finished = true;
    this.#worker.terminate();
  }

  /** Stop now: the worker is terminated and `done` rejects with {@link cancelled}'s error. */
  cancel(): void {
    if (this.#finished) return;
    this.#finish();
    this.#reject(this.cancelled());
  }
}
