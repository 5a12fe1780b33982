/**
 * Values across postMessage: a Matrix travels as `{ $matrix: { rows, columns, data } }`, its
 * entries row by row in one Float64Array (structured clone copies it in one piece, NaN and
 * ±∞ included), and is rebuilt on the other side. Arrays
 * and plain objects are walked; numbers, strings, booleans, null and typed arrays pass as
 * they are. A function or a class instance other than Matrix cannot travel: the error
 * says which path holds it.
 */
import { Matrix } from 'ml-matrix';
import { toMatrix } from '../training/params';

/** A value as it travels. */
export type Wire = number | string | boolean | null | undefined | { $matrix: WireMatrix } | Wire[] | { [key: string]: Wire } | ArrayBufferView;

/** A Matrix as it travels. */
export interface WireMatrix {
  rows: number;
  columns: number;
  /** rows × columns entries, row by row. */
  data: Float64Array;
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Turn a value into its travelling form; throws a TypeError naming the path of what cannot travel. */
export function toWire(value: unknown, path = 'value'): Wire {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Matrix.isMatrix(value)) {
    const m = value as Matrix;
    const data = new Float64Array(m.rows * m.columns);
    for (let i = 0, k = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) data[k++] = m.get(i, j);
    return { $matrix: { rows: m.rows, columns: m.columns, data } };
  }
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
  if ('$matrix' in value && isWireMatrix(value.$matrix)) {
    const { rows, columns, data } = value.$matrix;
    return rows * columns === 0 ? new Matrix(rows, columns) : toMatrix({ rows, columns, data });
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromWire(v as Wire)]));
}

function isWireMatrix(v: unknown): v is WireMatrix {
  if (!v || typeof v !== 'object') return false;
  const m = v as WireMatrix;
  return Number.isInteger(m.rows) && Number.isInteger(m.columns) && m.data instanceof Float64Array && m.data.length === m.rows * m.columns;
}
