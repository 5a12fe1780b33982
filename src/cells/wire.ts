/**
 * Values across postMessage: a Matrix travels as `{ $matrix: rows }` (plain arrays, which
 * structured clone copies, NaN and ±∞ included) and is rebuilt on the other side. Arrays
 * and plain objects are walked; numbers, strings, booleans, null and typed arrays pass as
 * they are. A function or a class instance other than Matrix cannot travel: the error
 * says which path holds it.
 */
import { Matrix } from 'ml-matrix';

/** A value as it travels. */
export type Wire = number | string | boolean | null | undefined | { $matrix: number[][] } | Wire[] | { [key: string]: Wire } | ArrayBufferView;

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Turn a value into its travelling form; throws a TypeError naming the path of what cannot travel. */
export function toWire(value: unknown, path = 'value'): Wire {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Matrix.isMatrix(value)) return { $matrix: (value as Matrix).to2DArray() };
  if (ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((v, i) => toWire(v, `${path}[${i}]`));
  if (typeof value === 'object' && isPlain(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toWire(v, `${path}.${k}`)]));
  }
  const what = typeof value === 'function' ? 'a function' : typeof value === 'object' ? `an object of class ${value.constructor?.name ?? '?'}` : `a ${typeof value}`;
  throw new TypeError(`${path} is ${what}, which cannot be sent between the page and the worker: return numbers, arrays, plain objects or Matrix values`);
}

/** Rebuild a value from its travelling form (Matrix values come back as Matrix). */
export function fromWire(value: Wire): unknown {
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map(fromWire);
  if ('$matrix' in value && Array.isArray(value.$matrix)) {
    const rows = value.$matrix as number[][];
    return rows.length === 0 ? new Matrix(0, 0) : new Matrix(rows);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v as Wire)]));
}
