/**
 * Exact attention computed one tile of keys at a time, with an online softmax: the idea of
 * FlashAttention (Dao et al. 2022, Algorithm 1) built on the online normaliser of Milakov &
 * Gimelshein (2018, Algorithm 3). The n×m score matrix is never held whole: each query row
 * keeps a running max m, a running sum ℓ of exp(s − m) and an unnormalised output, and
 * rescales both by exp(m_old − m_new) whenever a later tile raises the max.
 *
 * This is the readable version of the arithmetic, not of the speed: FlashAttention's gain
 * comes from keeping tiles in fast on-chip memory on a GPU, which plain ml-matrix cannot show.
 */
import { Matrix } from 'ml-matrix';
import { exp } from './exactmath';

/** Options for {@link onlineSoftmaxAttention}. */
export interface OnlineSoftmaxOptions {
  /** Keys (and values) per tile: a whole number ≥ 1. The last tile is shorter when it does not divide m. */
  tileSize: number;
  /** Let query i attend only to keys j ≤ i. Default false. */
  causal?: boolean;
  /** Called after each tile with what changed; {@link onlineSoftmaxTrace} collects these. */
  onTile?: (step: OnlineSoftmaxStep) => void;
}

/** What one tile did to every query row's running statistics. */
export interface OnlineSoftmaxStep {
  /** Index of the tile, from 0. */
  tile: number;
  /** First key of the tile. */
  start: number;
  /** One past the tile's last key. */
  end: number;
  /** (n, end − start) this tile's scaled scores Q·K_jᵀ/√d_k, −∞ where the causal mask hides a key. */
  scores: Matrix;
  /** Running max per query row before this tile (−∞ before the first). */
  mBefore: number[];
  /** Running max per query row after this tile: max(mBefore, the tile's row max). */
  mAfter: number[];
  /** Running sum ℓ of exp(s − m) per query row, before this tile. */
  lBefore: number[];
  /** ℓ after this tile: rescale·lBefore + Σ exp(s − mAfter) over the tile. */
  lAfter: number[];
  /** exp(mBefore − mAfter) per row: what the old sum and accumulator were multiplied by (1 when the max did not grow). */
  rescale: number[];
  /** (n, d_v) the unnormalised accumulator Σ exp(s − m)·v after this tile. */
  accumulator: Matrix;
  /** (n, d_v) accumulator / ℓ: the attention output over the keys seen so far (0 for a row that has seen none). */
  partial: Matrix;
}

function checkShapes(q: Matrix, k: Matrix, v: Matrix, tileSize: number): void {
  if (!Number.isInteger(tileSize) || tileSize < 1) {
    throw new RangeError(`tileSize must be a whole number ≥ 1 (keys per tile), got ${tileSize}; try a value from 1 to ${k.rows}`);
  }
  if (k.columns !== q.columns) {
    throw new RangeError(`queries have d_k = ${q.columns} but keys have ${k.columns} columns: q·k needs the same width`);
  }
  if (k.rows !== v.rows) throw new RangeError(`${k.rows} keys but ${v.rows} values: each key needs its value`);
}

/** diag(1/ℓ)·acc, with a row that saw no key at all (ℓ = 0) left at zeros, as softmaxRows does. */
function divideRows(acc: Matrix, l: readonly number[]): Matrix {
  return new Matrix(acc.to2DArray().map((row, i) => row.map((a) => (l[i] > 0 ? a / l[i] : 0))));
}

/**
 * softmax(Q·Kᵀ/√d_k)·V, walking over tiles of keys and values with an online softmax
 * (FlashAttention, Dao et al. 2022; Milakov & Gimelshein 2018). For each tile K_j, V_j and
 * each query row:
 *
 *   s = q·K_jᵀ/√d_k,  m_new = max(m, max s),  p = exp(s − m_new),
 *   ℓ_new = exp(m − m_new)·ℓ + Σ p,  acc_new = exp(m − m_new)·acc + p·V_j,
 *
 * and at the end output = acc / ℓ. Every exponent is ≤ 0, so scores of ±1e3 do not overflow.
 * The result equals {@link scaledDotProductAttention}'s output (to rounding).
 *
 * @param q (n, d_k) queries; not modified.
 * @param k (m, d_k) keys; not modified.
 * @param v (m, d_v) values; not modified.
 * @param options tileSize (keys per tile), causal.
 * @returns a new (n, d_v) matrix.
 * @throws RangeError when tileSize is not a whole number ≥ 1 or the shapes do not fit.
 */
export function onlineSoftmaxAttention(q: Matrix, k: Matrix, v: Matrix, options: OnlineSoftmaxOptions): Matrix {
  const { tileSize, causal = false, onTile } = options;
  checkShapes(q, k, v, tileSize);
  const [n, m, dV] = [q.rows, k.rows, v.columns];
  const scale = Math.sqrt(q.columns); // √d_k

  const mRun = new Array<number>(n).fill(-Infinity); // running max of the scores seen so far
  const lRun = new Array<number>(n).fill(0); // running Σ exp(s − mRun)
  let acc = Matrix.zeros(n, dV); // unnormalised Σ exp(s − mRun)·v

  for (let start = 0, tile = 0; start < m; start += tileSize, tile++) {
    const end = Math.min(start + tileSize, m);
    const kJ = k.subMatrix(start, end - 1, 0, k.columns - 1); // (B, dK)
    const vJ = v.subMatrix(start, end - 1, 0, dV - 1); // (B, dV)
    const sJ = Matrix.div(q.mmul(kJ.transpose()), scale); // (n, dK)·(dK, B) → (n, B)
    if (causal) for (let i = 0; i < n; i++) for (let j = start; j < end; j++) if (j > i) sJ.set(i, j - start, -Infinity);

    const pJ = Matrix.zeros(n, end - start); // (n, B) exp(s − m_new)
    const mBefore = [...mRun], lBefore = [...lRun], rescale: number[] = [];
    for (let i = 0; i < n; i++) {
      const mNew = Math.max(mRun[i], ...sJ.getRow(i));
      // exp(m_old − m_new) ≤ 1 rescales what was summed against the old max; 1 when the max is unchanged.
      const factor = mNew === mRun[i] ? 1 : exp(mRun[i] - mNew);
      let rowSum = 0;
      for (let j = 0; j < end - start; j++) {
        const p = sJ.get(i, j) === -Infinity ? 0 : exp(sJ.get(i, j) - mNew); // masked key: weight 0
        pJ.set(i, j, p);
        rowSum += p;
      }
      lRun[i] = factor * lRun[i] + rowSum;
      mRun[i] = mNew;
      rescale.push(factor);
    }
    // acc ← diag(rescale)·acc + P_j·V_j
    acc = Matrix.add(Matrix.diag(rescale).mmul(acc), pJ.mmul(vJ)); // (n, n)·(n, dV) + (n, B)·(B, dV) → (n, dV)

    if (onTile) {
      const partial = divideRows(acc, lRun);
      onTile({ tile, start, end, scores: sJ, mBefore, mAfter: [...mRun], lBefore, lAfter: [...lRun], rescale, accumulator: acc.clone(), partial });
    }
  }
  // output = diag(1/ℓ)·acc
  return divideRows(acc, lRun); // (n, dV)
}

/**
 * Run {@link onlineSoftmaxAttention} and record every tile's step, for a widget or a test
 * that wants to watch the running max, the sum and the rescaling.
 *
 * @returns the steps in order, and the final output.
 */
export function onlineSoftmaxTrace(q: Matrix, k: Matrix, v: Matrix, options: Omit<OnlineSoftmaxOptions, 'onTile'>): { steps: OnlineSoftmaxStep[]; output: Matrix } {
  const steps: OnlineSoftmaxStep[] = [];
  const output = onlineSoftmaxAttention(q, k, v, { ...options, onTile: (s) => steps.push(s) });
  return { steps, output };
}
