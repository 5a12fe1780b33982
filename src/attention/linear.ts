import { Matrix } from 'ml-matrix';

/**
 * Row-vector linear map, the convention of the whole course: y = x·W + b.
 *
 * @param x (n, dIn) inputs, one token per row; not modified.
 * @param w (dIn, dOut) weights; not modified.
 * @param b optional bias of length dOut, added to every row.
 * @returns a new (n, dOut) matrix.
 */
export function linear(x: Matrix, w: Matrix, b?: readonly number[]): Matrix {
  if (x.columns !== w.rows) {
    throw new RangeError(
      `cannot multiply x (${x.rows}×${x.columns}) by W (${w.rows}×${w.columns}): x has ${x.columns} columns but W has ${w.rows} rows`,
    );
  }
  const y = x.mmul(w); // (n, dIn)·(dIn, dOut) → (n, dOut)
  if (!b) return y;
  if (b.length !== w.columns) throw new RangeError(`bias has length ${b.length} but W has ${w.columns} columns`);
  return y.addRowVector(b as number[]); // y is new: adding in place is safe
}
