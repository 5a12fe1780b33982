/**
 * Run a reader's cell and do one task with it. This is the body of the sandbox worker,
 * kept free of worker globals so unit tests run it in Node; only sandbox.worker.ts calls
 * it in the browser, where a run that never ends is stopped by terminating the worker.
 *
 * What the reader's code sees:
 * - `require('ml-matrix')` (what `import { Matrix } from 'ml-matrix'` becomes), and the
 *   course library under `require('src/attention')`, `require('src/training')` or any
 *   relative path (`./softmax`, `../attention`), so a whole file pasted from src/ runs;
 * - with no import at all, the names a cell uses without importing them, as in its file:
 *   `Matrix` and every export of ml-matrix, src/attention (its index and merge.ts) and
 *   src/training. The reader's own declarations shadow them;
 * - a `console` whose lines are returned with the result, not printed;
 * - with a context (the rest of the file the cell was cut from), the reader's code runs in
 *   its place in that file, so the file's own helpers (not exported) are there too, and
 *   the file's other functions call the reader's version. Lines are still the reader's.
 */
import * as mlMatrix from 'ml-matrix';
import * as attention from '../attention';
import * as merge from '../attention/merge';
import * as training from '../training';
import { DRIVERS } from './drivers';
import { transpile } from './transpile';
import { fromWire, toWire, type Wire } from './wire';
import type { CellResult, ExerciseReport, ToSandbox } from './protocol';

/** The file name the reader's code runs under, so stack frames can be found and mapped. */
export const CELL_FILE = 'cell.ts';

/** The course library as one module: attention (with merge.ts) and training. */
const course: Record<string, unknown> = { ...attention, ...merge, ...training };

const RESERVED = new Set(['default', 'eval', 'arguments', 'function', 'class', 'const', 'let', 'var', 'new', 'delete', 'in', 'of', 'typeof', 'void', 'this', 'super', 'import', 'export', 'return']);
const isIdentifier = (name: string) => /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);

/** Names in scope without an import: ml-matrix's, then the course's (which win a clash). */
const scope: Record<string, unknown> = Object.fromEntries(
  Object.entries({ ...mlMatrix, ...course }).filter(([name]) => isIdentifier(name)),
);

/** Modules `require` knows, for the error that lists them. */
export const KNOWN_MODULES = ['ml-matrix', 'src/attention', 'src/training', './<any file of the course>'];

function requireFor(specifier: string): unknown {
  if (specifier === 'ml-matrix') return mlMatrix;
  if (specifier.startsWith('.') || /^\/?src\/(attention|training)\b/.test(specifier)) return course;
  throw new Error(`Cannot import '${specifier}' in a cell: only ${KNOWN_MODULES.join(', ')} are available (there is no network or npm here)`);
}

/** A console that keeps what the reader prints, so it shows in the cell, not the page's console. */
function capturingConsole(lines: string[]): Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> {
  const show = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (mlMatrix.Matrix.isMatrix(v)) return `Matrix ${(v as mlMatrix.Matrix).rows}×${(v as mlMatrix.Matrix).columns} ${JSON.stringify((v as mlMatrix.Matrix).to2DArray())}`;
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  };
  const write = (...args: unknown[]) => {
    if (lines.length < 200) lines.push(args.map(show).join(' '));
  };
  return { log: write, info: write, warn: write, error: write, debug: write };
}

/** The reader's line (and column) from an error's stack, when it came from their code. */
export function locate(err: unknown, headerLength: number): { line?: number; column?: number } {
  const stack = String((err as Error)?.stack ?? '');
  const m = new RegExp(`${CELL_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return {};
  const line = Number(m[1]);
  const column = Number(m[2]) - (line === 1 ? headerLength : 0);
  return { line, column: Math.max(1, column) };
}

const NAMES = Object.keys(scope);
/** The reader's first line shares line 1 with this header, so every line number maps as is. */
const HEADER = `(function (require, exports, module, console, ${NAMES.join(', ')}) { return function () {`;

interface Loaded {
  exports: Record<string, unknown>;
}

const cache = new Map<string, Loaded>();

/**
 * Run the reader's module and return its exports (cached by text: a widget calls the same
 * code on every redraw). Throws what the code throws, or a SyntaxError-like result.
 */
function load(source: string, logs: string[]): Loaded | Exclude<CellResult, { kind: 'ok' }> {
  const hit = cache.get(source);
  if (hit) return hit;
  const t = transpile(source);
  if (!t.ok) return { kind: 'syntax-error', line: t.line, column: t.column, message: t.message };
  const wrapped = `${HEADER}${t.code}\n}; })\n//# sourceURL=${CELL_FILE}`;
  let factory: (...args: unknown[]) => () => void;
  try {
    factory = (0, eval)(wrapped);
  } catch (err) {
    // Sucrase accepts some code the engine refuses (e.g. a duplicate declaration).
    const at = locate(err, HEADER.length);
    const message = (err as Error).message;
    return at.line ? { kind: 'syntax-error', line: at.line, column: at.column ?? 1, message } : { kind: 'error', message: `SyntaxError: ${message}` };
  }
  const module = { exports: {} as Record<string, unknown> };
  factory(requireFor, module.exports, module, capturingConsole(logs), ...NAMES.map((n) => scope[n]))();
  const loaded = { exports: module.exports };
  if (cache.size > 16) cache.delete(cache.keys().next().value!);
  cache.set(source, loaded);
  return loaded;
}

/** Call a row function on each row of args[0]; its results are the rows of a new Matrix. */
function perRow(name: string, fn: (...a: unknown[]) => unknown, args: unknown[]): mlMatrix.Matrix {
  const [m, ...rest] = args;
  if (!mlMatrix.Matrix.isMatrix(m)) throw new TypeError(`${name} is called on each row of a Matrix, but no Matrix was given`);
  const rows = (m as mlMatrix.Matrix).to2DArray().map((row, i) => {
    const y = fn(row, ...rest);
    if (!y || typeof (y as ArrayLike<number>).length !== 'number') throw new TypeError(`${name}(row ${i}) returned ${typeof y}; the widget needs an array of ${row.length} numbers`);
    return Array.from(y as ArrayLike<number>, Number);
  });
  return new mlMatrix.Matrix(rows);
}

/** The exercise checker, when src/cells/exercises/run.ts exists (it is written alongside). */
const exerciseModules = import.meta.glob<{ runExerciseChecks(id: string, mod: Record<string, unknown>): ExerciseReport }>('./exercises/run.ts');

/**
 * Run `message.code` and do `message.task`; never throws. The value of an `ok` result is in
 * its travelling form (Wire). `logs` receives what the code printed.
 */
export async function evaluate(message: Pick<ToSandbox, 'code' | 'task' | 'context'>, logs: string[] = []): Promise<{ kind: 'ok'; value: Wire } | Exclude<CellResult, { kind: 'ok' }>> {
  const result = await evaluateWhole(message, logs);
  if (!message.context || (result.kind !== 'syntax-error' && result.kind !== 'error') || result.line === undefined) return result;
  // Lines are the reader's: the file's lines before the cut are taken off.
  const offset = message.context.before.split('\n').length - 1;
  const line = result.line - offset;
  const inReaders = line >= 1 && line <= message.code.split('\n').length;
  if (inReaders) return { ...result, line };
  return { kind: 'error', message: `${result.kind === 'syntax-error' ? `SyntaxError: ${result.message}` : result.message} (in the rest of the course's file, at its line ${result.line}: does your code still provide what that part uses?)` };
}

async function evaluateWhole(message: Pick<ToSandbox, 'code' | 'task' | 'context'>, logs: string[]): Promise<{ kind: 'ok'; value: Wire } | Exclude<CellResult, { kind: 'ok' }>> {
  try {
    const source = message.context ? `${message.context.before}${message.code}${message.context.after}` : message.code;
    const loaded = load(source, logs);
    if ('kind' in loaded) return loaded;
    const { exports } = loaded;
    const task = message.task;
    if (task.kind === 'load') return { kind: 'ok', value: Object.keys(exports).filter((k) => k !== '__esModule') };
    if (task.kind === 'exercise') {
      const run = exerciseModules['./exercises/run.ts'];
      if (!run) return { kind: 'error', message: 'Exercise checks are not part of this build.' };
      const { runExerciseChecks } = await run();
      return { kind: 'ok', value: toWire(runExerciseChecks(task.id, exports)) };
    }
    const fn = exports[task.name];
    if (typeof fn !== 'function') {
      const has = Object.keys(exports).filter((k) => k !== '__esModule');
      return { kind: 'error', message: `Your code does not export a function named ${task.name}${has.length ? ` (it exports ${has.join(', ')})` : ''}: keep the name, the widget calls it.` };
    }
    const args = task.args.map((a) => fromWire(a as Wire));
    if (task.kind === 'drive') {
      const driver = DRIVERS[task.driver];
      if (!driver) return { kind: 'error', message: `No driver named ${task.driver} in this build.` };
      return { kind: 'ok', value: toWire(await driver(task.name, fn as (...a: unknown[]) => unknown, args), `${task.driver}'s result`) };
    }
    const value = task.rows ? perRow(task.name, fn as (...a: unknown[]) => unknown, args) : (fn as (...a: unknown[]) => unknown)(...args);
    return { kind: 'ok', value: toWire(value, `${task.name}(…) returned: value`) };
  } catch (err) {
    const e = err as Error;
    const message = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : `threw ${String(err)}`;
    return { kind: 'error', message, ...locate(err, HEADER.length) };
  }
}
