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

/** out (m, p) += a (m, k) · b (k, p). */
export function mmAdd(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, p: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const oi = i * p;
    for (let c = 0; c < k; c++) {
      const aic = a[ai + c];
      if (aic === 0) continue;
      const bc = c * p;
      for (let j = 0; j < p; j++) out[oi + j] += aic * b[bc + j];
    }
  }
}

/** out (m, p) += aᵀ · b for a (k, m) and b (k, p), without building aᵀ. */
export function mmTAAdd(out: Float64Array, a: Float64Array, b: Float64Array, k: number, m: number, p: number): void {
  for (let r = 0; r < k; r++) {
    const ar = r * m;
    const br = r * p;
    for (let i = 0; i < m; i++) {
      const ari = a[ar + i];
      if (ari === 0) continue;
      const oi = i * p;
      for (let j = 0; j < p; j++) out[oi + j] += ari * b[br + j];
    }
  }
}

/** out (m, p) += a (m, k) · bᵀ for b (p, k), without building bᵀ. */
export function mmTBAdd(out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, p: number): void {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const oi = i * p;
    for (let j = 0; j < p; j++) {
      const bj = j * k;
      let s = 0;
      for (let c = 0; c < k; c++) s += a[ai + c] * b[bj + c];
      out[oi + j] += s;
    }
  }
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
