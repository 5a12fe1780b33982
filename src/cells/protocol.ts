/**
 * Messages between the page (sandbox.ts) and the cell worker (sandbox.worker.ts), and what
 * a run ends as. Shared by both sides; no DOM, no code of its own.
 */
import type { Wire } from './wire';

/** What to do with the reader's module once it has run. */
export type CellTask =
  /** Only run the module (its top level) and report the names it exports. */
  | { kind: 'load' }
  /**
   * Call the export `name` with these arguments (Matrix values included). With `rows`, the
   * first argument is a Matrix and the function is called on each of its rows (a row
   * function such as `softmax`); the rows it returns make the result Matrix.
   */
  | { kind: 'call'; name: string; args: unknown[]; rows?: boolean }
  /**
   * Run the course's driver `driver` (src/cells/drivers.ts) in the worker with the export
   * `name`: the driver calls the reader's function as often as it needs (say, once per
   * layer of a model) and returns a plain result, so nothing large crosses between calls.
   */
  | { kind: 'drive'; driver: string; name: string; args: unknown[] }
  /** Check the module with the exercise `id` (src/cells/exercises/run.ts). */
  | { kind: 'exercise'; id: string };

/** How a run ended. Lines and columns are 1-based, in the reader's text. */
export type CellResult =
  | { kind: 'ok'; value: unknown }
  | { kind: 'syntax-error'; line: number; column: number; message: string }
  | { kind: 'error'; message: string; line?: number; column?: number }
  | { kind: 'timeout'; ms: number };

/** One check of an exercise, as run.ts reports it. */
export interface ExerciseCheck {
  name: string;
  passed: boolean;
  detail?: string;
}

/** What `runExerciseChecks(id, exports)` returns. */
export interface ExerciseReport {
  checks: ExerciseCheck[];
}

/**
 * The rest of the file a cell was cut from: the reader's code runs in its place, so the
 * file's own helpers and imports are there as in the course (see evaluate.ts).
 */
export interface CellContext {
  /** The file's text before the cut (ends with a newline). */
  before: string;
  /** The file's text after the cut. */
  after: string;
}

/** Page → worker. `task.args` travel as Wire. */
export interface ToSandbox {
  id: number;
  code: string;
  context?: CellContext;
  task: { kind: 'load' } | { kind: 'call'; name: string; args: Wire[]; rows?: boolean } | { kind: 'drive'; driver: string; name: string; args: Wire[] } | { kind: 'exercise'; id: string };
}

/** Worker → page. An `ok` value travels as Wire. */
export interface FromSandbox {
  id: number;
  result: Exclude<CellResult, { kind: 'ok' } | { kind: 'timeout' }> | { kind: 'ok'; value: Wire };
}
