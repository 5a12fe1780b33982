/**
 * The training engine's loops: matrix products on flat, row-major Float64Arrays, with
 * sizes passed in. No allocation, no method calls, no ml-matrix: this is where speed
 * lives. Every loop sums in the same order as ml-matrix's `mmul` (over the inner index,
 * ascending), so a product here equals the reference's bit for bit.
 *
 * Names: `mm` is a·b, `mmTA` is aᵀ·b, `mmTB` is a·bᵀ; the `Add` forms add into `out`
 * instead of overwriting it.
 */
import { exp, log } from '../../attention';

/** out (m, p) = a (m, k) · b (k, p). */
export function mm(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, p: number): void {
  out.fill(0, 0, m * p);
  mmAdd(out, a, b, m, k, p);
}

/**
 * The one product loop of the engine: OUT (m, p) += A (m, k) · B (k, p), each operand
 * read from a flat array at an offset with strides, so a head's block of a wider matrix
 * (or a transpose) needs no copy:
 *   A[i][c] = a[aOff + i·aRow + c·aCol],  B[c][j] = b[bOff + c·bRow + j],
 *   OUT[i][j] = out[oOff + i·oRow + j].
 * Each entry of OUT adds its k terms in order of c, as ml-matrix's `mmul` does, so a
 * product from zero equals the reference bit for bit. The loop takes four rows of A and
 * four rows of B at a time, so every value loaded serves several products: about four
 * times as fast as one row at a time (measured at 16×64·64×64).
 */
export function productAdd(
  out: Float64Array, oOff: number, oRow: number,
  a: Float64Array, aOff: number, aRow: number, aCol: number,
  b: Float64Array, bOff: number, bRow: number,
  m: number, k: number, p: number,
): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const r0 = aOff + i * aRow, r1 = r0 + aRow, r2 = r1 + aRow, r3 = r2 + aRow;
    const o0 = oOff + i * oRow, o1 = o0 + oRow, o2 = o1 + oRow, o3 = o2 + oRow;
    let c = 0;
    for (; c + 3 < k; c += 4) {
      const s0 = c * aCol, s1 = s0 + aCol, s2 = s1 + aCol, s3 = s2 + aCol;
      const x00 = a[r0 + s0], x01 = a[r0 + s1], x02 = a[r0 + s2], x03 = a[r0 + s3];
      const x10 = a[r1 + s0], x11 = a[r1 + s1], x12 = a[r1 + s2], x13 = a[r1 + s3];
      const x20 = a[r2 + s0], x21 = a[r2 + s1], x22 = a[r2 + s2], x23 = a[r2 + s3];
      const x30 = a[r3 + s0], x31 = a[r3 + s1], x32 = a[r3 + s2], x33 = a[r3 + s3];
      const b0 = bOff + c * bRow, b1 = b0 + bRow, b2 = b1 + bRow, b3 = b2 + bRow;
      for (let j = 0; j < p; j++) {
        const u0 = b[b0 + j], u1 = b[b1 + j], u2 = b[b2 + j], u3 = b[b3 + j];
        let v = out[o0 + j]; v += x00 * u0; v += x01 * u1; v += x02 * u2; v += x03 * u3; out[o0 + j] = v;
        v = out[o1 + j]; v += x10 * u0; v += x11 * u1; v += x12 * u2; v += x13 * u3; out[o1 + j] = v;
        v = out[o2 + j]; v += x20 * u0; v += x21 * u1; v += x22 * u2; v += x23 * u3; out[o2 + j] = v;
        v = out[o3 + j]; v += x30 * u0; v += x31 * u1; v += x32 * u2; v += x33 * u3; out[o3 + j] = v;
      }
    }
    for (; c < k; c++) {
      const s0 = c * aCol;
      const x0 = a[r0 + s0], x1 = a[r1 + s0], x2 = a[r2 + s0], x3 = a[r3 + s0];
      const bc = bOff + c * bRow;
      for (let j = 0; j < p; j++) {
        const u = b[bc + j];
        out[o0 + j] += x0 * u;
        out[o1 + j] += x1 * u;
        out[o2 + j] += x2 * u;
        out[o3 + j] += x3 * u;
      }
    }
  }
  for (; i < m; i++) {
    const ri = aOff + i * aRow;
    const oi = oOff + i * oRow;
    for (let c = 0; c < k; c++) {
      const x = a[ri + c * aCol];
      const bc = bOff + c * bRow;
      for (let j = 0; j < p; j++) out[oi + j] += x * b[bc + j];
    }
  }
}

/** out (m, p) += a (m, k) · b (k, p). */
export function mmAdd(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, p: number): void {
  productAdd(out, 0, p, a, 0, k, 1, b, 0, p, m, k, p);
}

/** out (m, p) += aᵀ · b for a (k, m) and b (k, p), without building aᵀ. */
export function mmTAAdd(out: Float64Array, a: Float64Array, b: Float64Array, k: number, m: number, p: number): void {
  productAdd(out, 0, p, a, 0, 1, m, b, 0, p, m, k, p);
}

/**
 * out (m, p) += a (m, k) · bᵀ for b (p, k). Each entry's sum over c runs from 0 in
 * ascending order before it is added to out, as a dot product would; but it is computed
 * as a·(bᵀ) with bᵀ built once, so the inner loop has no chain of dependent additions
 * (about three times faster than dot products).
 */
export function mmTBAdd(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, p: number): void {
  const bT = new Float64Array(k * p);
  for (let j = 0; j < p; j++) for (let c = 0; c < k; c++) bT[c * p + j] = b[j * k + c];
  const product = new Float64Array(m * p);
  mmAdd(product, a, bT, m, k, p);
  for (let i = 0; i < m * p; i++) out[i] += product[i];
}

/** Add a row vector (length p) to every one of the m rows of `out`. */
export function addRow(out: Float64Array, row: Float64Array, m: number, p: number): void {
  for (let i = 0; i < m; i++) {
    const oi = i * p;
    for (let j = 0; j < p; j++) out[oi + j] += row[j];
  }
}

/** out (p) += the column sums of a (m, p): the gradient of a bias added to every row. */
export function columnSumsAdd(out: Float64Array, a: Float64Array, m: number, p: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * p;
    for (let j = 0; j < p; j++) out[j] += a[ai + j];
  }
}

/**
 * Softmax in place over `row[start … start + count)`, stable, with the course's `exp`:
 * the same numbers as the reference `softmax` (src/attention/softmax.ts).
 */
export function softmaxInPlace(row: Float64Array, start: number, count: number): void {
  let max = -Infinity;
  for (let j = start; j < start + count; j++) if (row[j] > max) max = row[j];
  let sum = 0;
  for (let j = start; j < start + count; j++) {
    const e = row[j] === -Infinity ? 0 : exp(row[j] - max);
    row[j] = e;
    sum += e;
  }
  for (let j = start; j < start + count; j++) row[j] /= sum;
}

/** The index of the largest of `row[start … start + count)` (the first, on ties). */
export function argmax(row: Float64Array, start: number, count: number): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (row[start + j] > row[start + best]) best = j;
  return best;
}

/** log Σ exp(row[j] − max) over row[start … start + count): the log-sum-exp less `max` (the row's largest entry). */
export function logSumExp(row: Float64Array, start: number, count: number, max: number): number {
  let sum = 0;
  for (let j = start; j < start + count; j++) sum += exp(row[j] - max);
  return log(sum);
}
