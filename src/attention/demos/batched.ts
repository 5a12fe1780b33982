import { Matrix } from 'ml-matrix';
import { headDim } from '../heads';
import { paddingMask } from '../mask';
import { addKeyMask, matmul, scale, softmaxLast, Tensor, transposeLast } from './tensor';

/** One step of the batched computation: what was made, its shape and size. */
export interface ShapeStep {
  /** Short name used in the lesson: "Q", "split", "scores"… */
  name: string;
  /** The operation that produced it. */
  op: string;
  shape: readonly number[];
  /** Names of the axes, e.g. ["B", "h", "n", "d_k"]. */
  axes: readonly string[];
  /** Number of values it holds. */
  elements: number;
}

/** Result of {@link batchedMultiHeadAttention}. */
export interface BatchedResult {
  /** (B, n, d_model) output; values only when the input had values. */
  output: Tensor;
  /** Every intermediate, in order. */
  steps: ShapeStep[];
}

/** Options of {@link batchedMultiHeadAttention}. */
export interface BatchedOptions {
  /**
   * Real length of each sequence of the batch, padded to n: keys at positions ≥ lengths[b]
   * are hidden from every query of sequence b, and the outputs at those positions are to
   * be ignored. Default: no padding.
   */
  lengths?: readonly number[];
}

/**
 * Multi-head self-attention on a batch, written as frameworks write it: project, view
 * as (B, n, h, d_k), move the head axis forward, attend in every (batch, head) at once,
 * move it back, merge, project. Given a shape-only input (and shape-only weights), it
 * checks and records every shape without computing values.
 *
 * @param x (B, n, d_model) input; sequences shorter than n are padded at the end.
 * @param weights W_Q, W_K, W_V, W_O as (d_model, d_model) tensors (no biases here).
 * @param h number of heads; must divide d_model.
 * @param options lengths, for a padding mask.
 * @throws RangeError when h does not divide d_model, a shape does not fit, or there is
 *   not one length from 0 to n per sequence.
 */
export function batchedMultiHeadAttention(x: Tensor, weights: { wq: Tensor; wk: Tensor; wv: Tensor; wo: Tensor }, h: number, { lengths }: BatchedOptions = {}): BatchedResult {
  if (x.shape.length !== 3) throw new RangeError(`x must be (B, n, d_model), got (${x.shape.join(', ')})`);
  const [B, n, dModel] = x.shape;
  if (lengths && lengths.length !== B) throw new RangeError(`${lengths.length} lengths for a batch of ${B} sequences: give one length per sequence`);
  const dK = headDim(dModel, h);
  const steps: ShapeStep[] = [];
  const BND = ['B', 'n', 'd_model'];
  const BHND = ['B', 'h', 'n', 'd_k'];
  const record = (name: string, op: string, t: Tensor, axes: string[]) => {
    steps.push({ name, op, shape: t.shape, axes, elements: t.size });
    return t;
  };
  record('X', 'input', x, BND);
  const q = record('Q', 'X·W_Q', matmul(x, weights.wq), BND); // (B, n, dModel)·(dModel, dModel) → (B, n, dModel)
  const k = record('K', 'X·W_K', matmul(x, weights.wk), BND); // (B, n, dModel)·(dModel, dModel) → (B, n, dModel)
  const v = record('V', 'X·W_V', matmul(x, weights.wv), BND); // (B, n, dModel)·(dModel, dModel) → (B, n, dModel)
  const split = (t: Tensor) => t.reshape([B, n, h, dK]); // (B, n, dModel) → (B, n, h, dK)
  const heads = (t: Tensor) => t.permute([0, 2, 1, 3]); // (B, n, h, dK) → (B, h, n, dK)
  record('split', 'Q viewed as h blocks', split(q), ['B', 'n', 'h', 'd_k']);
  const [qh, kh, vh] = [q, k, v].map((t) => heads(split(t)));
  record('heads', 'transpose: head axis first', qh, BHND);
  const raw = record('scores', 'Q·Kᵀ / √d_k', scale(matmul(qh, transposeLast(kh)), 1 / Math.sqrt(dK)), ['B', 'h', 'n', 'n']); // (B, h, n, dK)·(B, h, dK, n) → (B, h, n, n)
  const scores = lengths ? record('masked', '+ padding mask (B, 1, 1, n)', addKeyMask(raw, paddingMask(lengths, n)), ['B', 'h', 'n', 'n']) : raw; // (B, h, n, n) + (B, 1, 1, n)
  const weightsT = record('weights', 'softmax over keys', softmaxLast(scores), ['B', 'h', 'n', 'n']);
  const out = record('head outputs', 'weights·V', matmul(weightsT, vh), BHND); // (B, h, n, n)·(B, h, n, dK) → (B, h, n, dK)
  const back = record('transpose back', 'token axis first', out.permute([0, 2, 1, 3]), ['B', 'n', 'h', 'd_k']); // (B, h, n, dK) → (B, n, h, dK)
  const concat = record('concat', 'merge the heads', back.reshape([B, n, dModel]), BND); // (B, n, h, dK) → (B, n, dModel)
  const output = record('output', 'concat·W_O', matmul(concat, weights.wo), BND); // (B, n, dModel)·(dModel, dModel) → (B, n, dModel)
  return { output, steps };
}

/** A tensor from a list of (n, d) matrices, one per batch element: (B, n, d). */
export function stackMatrices(ms: readonly Matrix[]): Tensor {
  const [n, d] = [ms[0].rows, ms[0].columns];
  const data = new Float64Array(ms.length * n * d);
  ms.forEach((m, b) => m.to1DArray().forEach((v, i) => (data[b * n * d + i] = v)));
  return new Tensor([ms.length, n, d], data);
}

/** A (rows, columns) tensor holding a matrix's values. */
export function tensorOf(m: Matrix): Tensor {
  return new Tensor([m.rows, m.columns], Float64Array.from(m.to1DArray()));
}

/** The shapes of every step for sizes too big to compute, from the same code. */
export function traceShapes({ B, n, dModel, h }: { B: number; n: number; dModel: number; h: number }): ShapeStep[] {
  const w = Tensor.shapeOnly([dModel, dModel]);
  return batchedMultiHeadAttention(Tensor.shapeOnly([B, n, dModel]), { wq: w, wk: w, wv: w, wo: w }, h).steps;
}

/**
 * Numerical rank of a head's n×n score matrix Q·Kᵀ, for random Q and K of width d_k:
 * at most min(n, d_k), whatever the values (Bhojanapalli et al. 2020 call the case
 * d_k < n a low-rank bottleneck).
 */
export function scoreRank(scores: Matrix, tolerance = 1e-9): number {
  // Gram–Schmidt on the rows: count rows not in the span of the earlier ones.
  const basis: number[][] = [];
  for (let i = 0; i < scores.rows; i++) {
    const r = scores.getRow(i);
    for (const b of basis) {
      const dot = r.reduce((s, v, j) => s + v * b[j], 0);
      for (let j = 0; j < r.length; j++) r[j] -= dot * b[j];
    }
    const norm = Math.hypot(...r);
    const scale = Math.max(1, Math.hypot(...scores.getRow(i)));
    if (norm > tolerance * scale) basis.push(r.map((v) => v / norm));
  }
  return basis.length;
}
