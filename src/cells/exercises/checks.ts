/**
 * Helpers for the checks of the coding exercises: call an untrusted function, make sure it
 * left its inputs alone, and compare what it returned with the course's answer, naming
 * the first entry that differs. Nothing here trusts the reader's code: it may return
 * garbage, throw, or modify its arguments.
 */
import { Matrix } from 'ml-matrix';
import { mulberry32, randomMatrix } from '../../attention';
import type { CheckSpec, ReaderModule } from './types';

/** Thrown by a check to fail with a sentence for the reader. */
export class CheckFailure extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'CheckFailure';
  }
}

/** Fail the current check with `detail`. */
export function fail(detail: string): never {
  throw new CheckFailure(detail);
}

/** Absolute tolerance for values near 0; relative beyond 1 (so 1e6-sized numbers compare too). */
export const TOLERANCE = 1e-9;

/** Format a number for a message: short, but exact enough to see the difference. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10)));
}

/** What an untrusted value is, in a few words ("undefined", "an array of 3", "a number"). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value instanceof Matrix) return `a ${value.rows}×${value.columns} Matrix`;
  if (typeof value === 'object') return `an object (${Object.prototype.toString.call(value).slice(8, -1)})`;
  return typeof value === 'number' ? `the number ${fmt(value)}` : typeof value;
}

/** Whether two numbers agree to {@link TOLERANCE} (∞ equals ∞ of the same sign; NaN equals nothing). */
export function close(expected: number, got: number, tol = TOLERANCE): boolean {
  if (expected === got) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(got)) return false;
  return Math.abs(expected - got) <= tol * Math.max(1, Math.abs(expected));
}

/**
 * The entries of a value the reader returned as a Matrix, or a failure saying what it was.
 * Anything with whole-number `rows`, `columns` and a `get(i, j)` counts (an ml-matrix
 * Matrix, a MatrixSubView from `subMatrixView`).
 */
export function entriesOf(value: unknown, what: string): number[][] {
  const m = value as { rows?: unknown; columns?: unknown; get?: unknown } | null;
  if (!m || typeof m !== 'object' || typeof m.get !== 'function' || !Number.isInteger(m.rows) || !Number.isInteger(m.columns)) {
    fail(`${what} should be an ml-matrix Matrix, but it is ${describe(value)}`);
  }
  const get = m.get as (i: number, j: number) => unknown;
  const rows = m.rows as number;
  const columns = m.columns as number;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < columns; j++) {
      const x = get.call(m, i, j);
      if (typeof x !== 'number') fail(`${what} holds ${describe(x)} at row ${i}, column ${j}, not a number`);
      row.push(x);
    }
    out.push(row);
  }
  return out;
}

/**
 * Compare a returned matrix with the expected one: fails on a different shape, or at the
 * first entry (row by row) that differs by more than {@link TOLERANCE}.
 */
export function expectMatrix(got: unknown, expected: Matrix, what = 'the result'): void {
  const g = entriesOf(got, what);
  const columns = g[0]?.length ?? (got as Matrix).columns;
  if (g.length !== expected.rows || columns !== expected.columns) {
    fail(`${what} has the wrong shape: expected ${expected.rows}×${expected.columns}, got ${g.length}×${columns}`);
  }
  for (let i = 0; i < expected.rows; i++) {
    for (let j = 0; j < expected.columns; j++) {
      const e = expected.get(i, j);
      if (!close(e, g[i][j])) fail(`${what} differs first at row ${i}, column ${j}: expected ${fmt(e)}, got ${fmt(g[i][j])}`);
    }
  }
}

/** Compare a returned number with the expected one (exactly, for counts). */
export function expectNumber(got: unknown, expected: number, what = 'the result', tol = 0): void {
  if (typeof got !== 'number') fail(`${what} should be a number, but it is ${describe(got)}`);
  if (tol === 0 ? got !== expected : !close(expected, got, tol)) fail(`${what}: expected ${fmt(expected)}, got ${fmt(got)}`);
}

/** Compare a returned list of numbers with the expected one, naming the first entry that differs. */
export function expectNumbers(got: unknown, expected: readonly number[], what = 'the result', tol = TOLERANCE): void {
  if (!Array.isArray(got)) fail(`${what} should be an array of ${expected.length} numbers, but it is ${describe(got)}`);
  if (got.length !== expected.length) fail(`${what} has the wrong length: expected ${expected.length}, got ${got.length}`);
  expected.forEach((e, i) => {
    if (typeof got[i] !== 'number') fail(`${what}[${i}] should be a number, but it is ${describe(got[i])}`);
    if (!close(e, got[i], tol)) fail(`${what}[${i}]: expected ${fmt(e)}, got ${fmt(got[i])}`);
  });
}

/** A deep copy of call arguments: matrices as entry grids, arrays and plain objects walked. */
function snapshot(value: unknown): unknown {
  if (value instanceof Matrix) return { matrix: value.to2DArray() };
  if (Array.isArray(value)) return value.map(snapshot);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, snapshot(v)]));
  return value;
}

/** The first place where `now` differs from the snapshot `before`, as a path ("w.wq row 0, column 1"). */
function firstChange(before: unknown, now: unknown, path: string): string | null {
  if (before && typeof before === 'object' && 'matrix' in before) {
    const grid = (before as { matrix: number[][] }).matrix;
    if (!(now instanceof Matrix) || now.rows !== grid.length || (grid.length > 0 && now.columns !== grid[0].length)) return `${path} (its shape)`;
    for (let i = 0; i < grid.length; i++) {
      for (let j = 0; j < grid[i].length; j++) {
        const x = now.get(i, j);
        if (!Object.is(x, grid[i][j])) return `${path} at row ${i}, column ${j} (was ${fmt(grid[i][j])}, now ${fmt(x)})`;
      }
    }
    return null;
  }
  if (Array.isArray(before)) {
    if (!Array.isArray(now) || now.length !== before.length) return `${path} (its length)`;
    for (let i = 0; i < before.length; i++) {
      const c = firstChange(before[i], now[i], `${path}[${i}]`);
      if (c) return c;
    }
    return null;
  }
  if (before && typeof before === 'object') {
    for (const [k, v] of Object.entries(before)) {
      const c = firstChange(v, (now as Record<string, unknown>)?.[k], `${path}.${k}`);
      if (c) return c;
    }
    return null;
  }
  return Object.is(before, now) ? null : path;
}

/** The reader's exported function `name` (the run checks that it exists before any check). */
export function readerFn(mod: ReaderModule, name: string): (...args: unknown[]) => unknown {
  const fn = mod[name];
  if (typeof fn !== 'function') fail(`your code does not export a function named ${name}`);
  return fn as (...args: unknown[]) => unknown;
}

/**
 * Call the reader's `name` on `args` (named for messages); fail with what it threw, or
 * when it modified an argument (ml-matrix's instance `add`, `mul`, `sub`… work in place).
 */
export function callReader(mod: ReaderModule, name: string, args: readonly unknown[], argNames: readonly string[]): unknown {
  const fn = readerFn(mod, name);
  const before = args.map(snapshot);
  let result: unknown;
  try {
    result = fn(...args);
  } catch (err) {
    fail(`${name} threw ${errorText(err)}`);
  }
  args.forEach((arg, i) => {
    const change = firstChange(before[i], arg, argNames[i] ?? `argument ${i + 1}`);
    if (change) fail(`${name} modified its input ${change}: work on a copy (ml-matrix's instance add, sub, mul and div change the matrix itself; use Matrix.add(a, b) or clone())`);
  });
  return result;
}

/**
 * Call the reader's `name` on arguments that must be refused, and fail unless it throws.
 * `why` says what is wrong with the arguments.
 */
export function expectThrows(mod: ReaderModule, name: string, args: readonly unknown[], why: string): void {
  const fn = readerFn(mod, name);
  let returned: unknown;
  try {
    returned = fn(...args);
  } catch {
    return;
  }
  fail(`${name} should throw an error when ${why}, but it returned ${describe(returned)}`);
}

/** "RangeError: message" for anything thrown. */
export function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `${describe(err)} (${String(err)})`;
}

/** A seeded (rows, columns) N(0, std²) matrix: the same numbers in Node and in the worker. */
export function seeded(rows: number, columns: number, seed: number, std = 1): Matrix {
  return randomMatrix(rows, columns, mulberry32(seed), std);
}

/** Shorthand for a check. */
export function check(name: string, run: (mod: ReaderModule) => void): CheckSpec {
  return { name, run };
}
