/**
 * How far the reader's output is from the course's: the largest absolute difference and
 * where it is. NaN counts as the largest of all (a reader's NaN where the course has a
 * number is the first thing to see), and ±∞ equal to ±∞ is no difference.
 */
import { Matrix } from 'ml-matrix';

/** The result of {@link compareMatrices}. */
export type MatrixDifference =
  | { kind: 'shape'; expected: [number, number]; got: [number, number] }
  | { kind: 'values'; maxAbsDiff: number; row: number; column: number; expected: number; got: number };

/** Compare `got` (the reader's) with `expected` (the course's), entry by entry. */
export function compareMatrices(got: Matrix, expected: Matrix): MatrixDifference {
  if (got.rows !== expected.rows || got.columns !== expected.columns) {
    return { kind: 'shape', expected: [expected.rows, expected.columns], got: [got.rows, got.columns] };
  }
  let best = { maxAbsDiff: -1, row: 0, column: 0 };
  for (let i = 0; i < got.rows; i++) {
    for (let j = 0; j < got.columns; j++) {
      const a = got.get(i, j);
      const b = expected.get(i, j);
      const d = a === b ? 0 : Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.abs(a - b);
      if (Number.isNaN(d)) {
        if (!Number.isNaN(best.maxAbsDiff)) best = { maxAbsDiff: NaN, row: i, column: j };
      } else if (!Number.isNaN(best.maxAbsDiff) && d > best.maxAbsDiff) best = { maxAbsDiff: d, row: i, column: j };
    }
  }
  if (best.maxAbsDiff < 0) best.maxAbsDiff = 0;
  return { kind: 'values', ...best, expected: expected.get(best.row, best.column) ?? NaN, got: got.get(best.row, best.column) ?? NaN };
}

const fmt = (v: number) => (Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? '∞' : '−∞') : Math.abs(v) !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6) ? v.toExponential(2) : String(Number(v.toPrecision(4))));

/**
 * One sentence for the cell. `rowName`/`columnName` label the position (e.g. tokens).
 */
export function describeDifference(d: MatrixDifference, what: string, rowName = (i: number) => `row ${i}`, columnName = (j: number) => `column ${j}`): string {
  if (d.kind === 'shape') return `Your code gives ${what} of ${d.got.join(' × ')}; the course's are ${d.expected.join(' × ')}.`;
  if (d.maxAbsDiff === 0) return `Your code gives the same ${what} as the course's, exactly, on the widget's input.`;
  const at = `${rowName(d.row)}, ${columnName(d.column)}`;
  if (Number.isNaN(d.maxAbsDiff)) return `Your code gives NaN in the ${what} at ${at} (the course's: ${fmt(d.expected)}).`;
  return `Largest difference from the course's ${what}: ${fmt(d.maxAbsDiff)} at ${at} (yours ${fmt(d.got)}, the course's ${fmt(d.expected)}).`;
}
