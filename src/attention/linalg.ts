import { Matrix } from 'ml-matrix';

/**
 * Fast products for the hot paths. ml-matrix's `mmul` reads every entry through a
 * method call; these loop over its row arrays directly (i–k–j order, so the inner loop
 * runs along a row of the result), and the transposed forms never build the transpose.
 * They give the same numbers as `mmul` up to rounding order.
 */

/**
 * A zero (rows, columns) Matrix whose rows are views into one Float64Array.
 *
 * ml-matrix allocates one Float64Array per row, and in the training loop those small
 * allocations cost more than the arithmetic (a third of the time, measured). Here the
 * matrix is made empty and given row views of a single buffer: an ordinary ml-matrix
 * Matrix in every other respect (it keeps `data` as an array of row arrays), holding the
 * same numbers, so results are identical bit for bit.
 */
export function zeros(rows: number, columns: number): Matrix {
  const m = new Matrix(0, columns);
  const buffer = new Float64Array(rows * columns);
  const data = new Array<Float64Array>(rows);
  for (let i = 0; i < rows; i++) data[i] = buffer.subarray(i * columns, (i + 1) * columns);
  const raw = m as unknown as { data: Float64Array[]; rows: number };
  raw.data = data;
  raw.rows = rows;
  return m;
}

/** The row arrays of a matrix (ml-matrix keeps one Float64Array per row); read-only use unless the matrix is yours. */
export function rows(m: Matrix): Float64Array[] {
  const data = (m as unknown as { data?: Float64Array[] }).data;
  return Array.isArray(data) && data.length === m.rows ? data : m.to2DArray().map((r) => Float64Array.from(r));
}

function check(aRows: number, aCols: number, bRows: number, bCols: number, what: string): void {
  if (aCols !== bRows) throw new RangeError(`cannot multiply ${what}: (${aRows}×${aCols})·(${bRows}×${bCols}), inner sizes ${aCols} and ${bRows} differ`);
}

/** a·b: (m, k)·(k, p) → (m, p). */
export function matmul(a: Matrix, b: Matrix): Matrix {
  check(a.rows, a.columns, b.rows, b.columns, 'a·b');
  const out = zeros(a.rows, b.columns);
  const A = rows(a);
  const B = rows(b);
  const O = rows(out);
  const p = b.columns;
  for (let i = 0; i < a.rows; i++) {
    const ai = A[i];
    const oi = O[i];
    for (let k = 0; k < a.columns; k++) {
      const aik = ai[k];
      if (aik === 0) continue;
      const bk = B[k];
      for (let j = 0; j < p; j++) oi[j] += aik * bk[j];
    }
  }
  return out;
}

/** aᵀ·b: (k, m)ᵀ·(k, p) → (m, p), without building aᵀ. */
export function matmulTA(a: Matrix, b: Matrix): Matrix {
  check(a.columns, a.rows, b.rows, b.columns, 'aᵀ·b');
  const out = zeros(a.columns, b.columns);
  const A = rows(a);
  const B = rows(b);
  const O = rows(out);
  const p = b.columns;
  for (let k = 0; k < a.rows; k++) {
    const ak = A[k];
    const bk = B[k];
    for (let i = 0; i < a.columns; i++) {
      const aki = ak[i];
      if (aki === 0) continue;
      const oi = O[i];
      for (let j = 0; j < p; j++) oi[j] += aki * bk[j];
    }
  }
  return out;
}

/** a·bᵀ: (m, k)·(p, k)ᵀ → (m, p), without building bᵀ. */
export function matmulTB(a: Matrix, b: Matrix): Matrix {
  check(a.rows, a.columns, b.columns, b.rows, 'a·bᵀ');
  const out = zeros(a.rows, b.rows);
  const A = rows(a);
  const B = rows(b);
  const O = rows(out);
  const k = a.columns;
  for (let i = 0; i < a.rows; i++) {
    const ai = A[i];
    const oi = O[i];
    for (let j = 0; j < b.rows; j++) {
      const bj = B[j];
      let s = 0;
      for (let c = 0; c < k; c++) s += ai[c] * bj[c];
      oi[j] = s;
    }
  }
  return out;
}

/** a + b as a new matrix (ml-matrix's static add copies entry by entry, slowly). */
export function added(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows || a.columns !== b.columns) throw new RangeError(`cannot add ${a.rows}×${a.columns} and ${b.rows}×${b.columns}`);
  const out = zeros(a.rows, a.columns);
  const A = rows(a);
  const B = rows(b);
  const O = rows(out);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) O[i][j] = A[i][j] + B[i][j];
  return out;
}

/** Columns [start, end) of a matrix, as a new matrix. */
export function columnBlock(m: Matrix, start: number, end: number): Matrix {
  const out = zeros(m.rows, end - start);
  const M = rows(m);
  const O = rows(out);
  for (let i = 0; i < m.rows; i++) for (let j = start; j < end; j++) O[i][j - start] = M[i][j];
  return out;
}

/** Rows [r0, r1) and columns [c0, c1) of a matrix, as a new matrix. */
export function block(m: Matrix, r0: number, r1: number, c0: number, c1: number): Matrix {
  const out = zeros(r1 - r0, c1 - c0);
  const M = rows(m);
  const O = rows(out);
  for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) O[i - r0][j - c0] = M[i][j];
  return out;
}

/** Write `part` into `m` with its top-left corner at (r0, c0); `m` is changed (it must be yours). */
export function place(m: Matrix, part: Matrix, r0: number, c0: number): void {
  const M = rows(m);
  const P = rows(part);
  for (let i = 0; i < part.rows; i++) for (let j = 0; j < part.columns; j++) M[r0 + i][c0 + j] = P[i][j];
}

/** factor · m as a new matrix (ml-matrix's static mul copies entry by entry, slowly). */
export function scaledBy(m: Matrix, factor: number): Matrix {
  const out = zeros(m.rows, m.columns);
  const M = rows(m);
  const O = rows(out);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) O[i][j] = factor * M[i][j];
  return out;
}

/** Σ a ⊙ b, the sum of the elementwise product (the Frobenius inner product). */
export function innerProduct(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.columns !== b.columns) throw new RangeError(`cannot pair ${a.rows}×${a.columns} with ${b.rows}×${b.columns}`);
  const A = rows(a);
  const B = rows(b);
  let s = 0;
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) s += A[i][j] * B[i][j];
  return s;
}

/** max(0, v) elementwise, as a new matrix. */
export function relu(m: Matrix): Matrix {
  const out = zeros(m.rows, m.columns);
  const M = rows(m);
  const O = rows(out);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) O[i][j] = M[i][j] > 0 ? M[i][j] : 0;
  return out;
}

/** m + row added to every row; `m` is changed (it must be yours) and returned. */
export function addRowInPlace(m: Matrix, row: Matrix): Matrix {
  const M = rows(m);
  const R = rows(row)[0];
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) M[i][j] += R[j];
  return m;
}

/** a + b written into a; `a` is changed (it must be yours) and returned. */
export function addInPlace(a: Matrix, b: Matrix): Matrix {
  const A = rows(a);
  const B = rows(b);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) A[i][j] += B[i][j];
  return a;
}
