/**
 * Gradients of multi-head attention, two ways:
 * - {@link mhaBackward}: the chain rule step by step in plain ml-matrix, from the trace of
 *   `multiHeadAttention`; readable, and the reference the engine is tested against;
 * - {@link mhaGradients}: the same numbers from the training engine (./engine/mha.ts),
 *   which is what training uses.
 */
import { Matrix } from 'ml-matrix';
import { headDim, mergeHeads, multiHeadAttention, splitHeads, type MhaOptions, type MhaTrace, type MhaWeights } from '../attention';
import { mhaBackward as engineBackward, mhaForward, type FlatMhaWeights } from './engine';

/** Gradients of a scalar loss with respect to everything multi-head attention uses. */
export interface MhaGradients {
  x: Matrix;
  wq: Matrix;
  wk: Matrix;
  wv: Matrix;
  wo: Matrix;
  /** Present exactly when the weights have the bias. */
  bq?: number[];
  bk?: number[];
  bv?: number[];
  bo?: number[];
  /** ∂L/∂ξ_h for every head: the quantity behind Michel et al.'s head importance. */
  headMask: number[];
}

/**
 * Backward pass of {@link multiHeadAttention} from its trace, in plain ml-matrix: the
 * gradients of L = Σ output ⊙ upstream. Per head, with A = softmax(S), S = Q·Kᵀ/√d_k,
 * O = A·V: ∂L/∂A = ∂L/∂O·Vᵀ, ∂L/∂S = A ⊙ (∂L/∂A − rowsum(∂L/∂A ⊙ A)), ∂L/∂Q = ∂L/∂S·K/√d_k,
 * ∂L/∂K = (∂L/∂S)ᵀ·Q/√d_k, ∂L/∂V = Aᵀ·∂L/∂O. Inputs are not modified.
 *
 * @param upstream (n, d_model) ∂L/∂output.
 */
export function mhaBackward(x: Matrix, weights: MhaWeights, trace: MhaTrace, upstream: Matrix): MhaGradients {
  const h = trace.heads.length;
  const scale = Math.sqrt(trace.dK);
  const dWo = trace.concat.transpose().mmul(upstream); // (dModel, n)·(n, dModel) → (dModel, dModel)
  const dConcat = upstream.mmul(weights.wo.transpose()); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const dHeads = splitHeads(dConcat, h); // h × (n, dK): ∂L/∂(ξ_i·O_i)
  const perHead = trace.heads.map((head, i) => {
    const dXi = Matrix.mul(dHeads[i], head.output).sum(); // ∂L/∂ξ_i = Σ ∂L/∂(ξ·O_i) ⊙ O_i
    const dO = Matrix.mul(dHeads[i], head.xi); // (n, dK)
    const A = head.weights;
    const dA = dO.mmul(head.v.transpose()); // (n, dK)·(dK, n) → (n, n)
    const rowDot = Matrix.mul(dA, A).sum('row'); // n × Σ_j ∂L/∂a_ij a_ij
    const dS = Matrix.mul(A, dA.subColumnVector(rowDot)).div(scale); // softmax backward, then ÷√d_k
    return {
      dXi,
      dQ: dS.mmul(head.k), // (n, n)·(n, dK) → (n, dK)
      dK: dS.transpose().mmul(head.q), // (n, n)·(n, dK) → (n, dK)
      dV: A.transpose().mmul(dO), // (n, n)·(n, dK) → (n, dK)
    };
  });
  const dQ = mergeHeads(perHead.map((g) => g.dQ)); // h × (n, dK) → (n, dModel)
  const dK = mergeHeads(perHead.map((g) => g.dK));
  const dV = mergeHeads(perHead.map((g) => g.dV));
  const xT = x.transpose();
  const grads: MhaGradients = {
    x: Matrix.add(Matrix.add(dQ.mmul(weights.wq.transpose()), dK.mmul(weights.wk.transpose())), dV.mmul(weights.wv.transpose())), // 3 × (n, dModel)·(dModel, dModel)
    wq: xT.mmul(dQ), // (dModel, n)·(n, dModel) → (dModel, dModel)
    wk: xT.mmul(dK), // (dModel, n)·(n, dModel) → (dModel, dModel)
    wv: xT.mmul(dV), // (dModel, n)·(n, dModel) → (dModel, dModel)
    wo: dWo,
    headMask: perHead.map((g) => g.dXi),
  };
  if (weights.bq) grads.bq = dQ.sum('column');
  if (weights.bk) grads.bk = dK.sum('column');
  if (weights.bv) grads.bv = dV.sum('column');
  if (weights.bo) grads.bo = upstream.sum('column');
  return grads;
}

/**
 * Buffers reused by every call of {@link mhaGradients} with the same d_model: copying four
 * weight matrices in and four gradients out is a third of a small step, and fresh
 * buffers would add an allocation each. Safe because a call copies its results out
 * before it returns and nothing else holds these arrays.
 */
const workspace = new Map<number, { weights: FlatMhaWeights; grads: FlatMhaWeights }>();
function buffersFor(d: number): { weights: FlatMhaWeights; grads: FlatMhaWeights } {
  let w = workspace.get(d);
  if (!w) {
    const square = () => new Float64Array(d * d);
    const row = () => new Float64Array(d);
    w = {
      weights: { wq: square(), wk: square(), wv: square(), wo: square(), bq: row(), bk: row(), bv: row(), bo: row() },
      grads: { wq: square(), wk: square(), wv: square(), wo: square(), bq: row(), bk: row(), bv: row(), bo: row() },
    };
    workspace.clear(); // keep one size
    workspace.set(d, w);
  }
  return w;
}

/** Copy a matrix's entries, row after row, into `out` (through ml-matrix's public `get`). */
function copyInto(out: Float64Array, m: Matrix): Float64Array {
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out[i * m.columns + j] = m.get(i, j);
  return out;
}

/** An ml-matrix (rows, columns) copy of a flat row-major array. */
function matrixOf(data: Float64Array, rows: number, columns: number): Matrix {
  return Matrix.from1DArray(rows, columns, data);
}

/**
 * Gradients of L = Σ output ⊙ upstream for multi-head attention, from the training
 * engine: the same numbers as running {@link multiHeadAttention} then
 * {@link mhaBackward} (tested to 1e-10), several times faster.
 *
 * @param upstream (n, d_model) ∂L/∂output.
 * @throws RangeError when shapes do not fit, naming them.
 */
export function mhaGradients(x: Matrix, weights: MhaWeights, options: MhaOptions, upstream: Matrix): MhaGradients {
  const { h, causal = false } = options;
  if (options.rope) throw new RangeError('mhaGradients does not differentiate through RoPE: call it without the rope option (the course trains without positions)');
  const n = x.rows;
  const d = x.columns;
  headDim(d, h);
  for (const name of ['wq', 'wk', 'wv', 'wo'] as const) {
    const w = weights[name];
    if (w.rows !== d || w.columns !== d) throw new RangeError(`${name} is ${w.rows}×${w.columns} but must be d_model×d_model = ${d}×${d}`);
  }
  if (upstream.rows !== n || upstream.columns !== d) throw new RangeError(`upstream is ${upstream.rows}×${upstream.columns} but the output is ${n}×${d}`);
  const headMask = options.headMask ?? new Array<number>(h).fill(1);
  if (headMask.length !== h) throw new RangeError(`headMask has ${headMask.length} entries but there are ${h} heads`);
  const biases = ['bq', 'bk', 'bv', 'bo'] as const;
  for (const b of biases) if (weights[b] && weights[b]!.length !== d) throw new RangeError(`${b} has length ${weights[b]!.length} but d_model is ${d}`);
  const buffers = buffersFor(d);
  const flat: FlatMhaWeights = { wq: copyInto(buffers.weights.wq, weights.wq), wk: copyInto(buffers.weights.wk, weights.wk), wv: copyInto(buffers.weights.wv, weights.wv), wo: copyInto(buffers.weights.wo, weights.wo) };
  const grads: FlatMhaWeights = { wq: buffers.grads.wq.fill(0), wk: buffers.grads.wk.fill(0), wv: buffers.grads.wv.fill(0), wo: buffers.grads.wo.fill(0) };
  for (const b of biases) {
    if (weights[b]) {
      flat[b] = buffers.weights[b]!;
      flat[b]!.set(weights[b]!);
      grads[b] = buffers.grads[b]!.fill(0);
    }
  }
  const cache = mhaForward(copyInto(new Float64Array(n * d), x), flat, { sequences: 1, n, dModel: d, h, causal }, headMask);
  const dx = new Float64Array(n * d);
  const dXi = engineBackward(cache, flat, copyInto(new Float64Array(n * d), upstream), grads, dx);
  const out: MhaGradients = {
    x: matrixOf(dx, n, d), wq: matrixOf(grads.wq, d, d), wk: matrixOf(grads.wk, d, d), wv: matrixOf(grads.wv, d, d), wo: matrixOf(grads.wo, d, d), headMask: dXi,
  };
  for (const b of biases) if (grads[b]) out[b] = Array.from(grads[b]!);
  return out;
}
