import { Matrix } from 'ml-matrix';
import { addInPlace, columnBlock, innerProduct, matmulTA, matmulTB, mergeHeads, rows, scaledBy, multiHeadAttention, type MhaOptions, type MhaTrace, type MhaWeights, zeros } from '../attention';

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

/** Column sums: the gradient of a bias added to every row. */
function columnSums(m: Matrix): number[] {
  return Array.from({ length: m.columns }, (_, j) => m.getColumn(j).reduce((a, b) => a + b, 0));
}

/**
 * Softmax backward, row by row: given A = softmax(S) and G = ∂L/∂A, returns
 * ∂L/∂S = A ⊙ (G − rowsum(G ⊙ A)). Masked entries (A = 0) get 0.
 */
export function softmaxRowsBackward(a: Matrix, g: Matrix): Matrix {
  const out = zeros(a.rows, a.columns);
  const A = rows(a);
  const G = rows(g);
  const O = rows(out);
  for (let i = 0; i < a.rows; i++) {
    const ai = A[i];
    const gi = G[i];
    let dot = 0;
    for (let j = 0; j < ai.length; j++) dot += gi[j] * ai[j];
    for (let j = 0; j < ai.length; j++) if (ai[j] !== 0) O[i][j] = ai[j] * (gi[j] - dot);
  }
  return out;
}

/**
 * Backward pass of one head's attention, O = softmax(Q·Kᵀ/scale)·V, given ∂L/∂O; rows
 * attend only within segments of `segment` rows (the whole matrix when unpacked), and
 * head.weights is (n, segment) as the forward pass leaves it.
 * Loops run over each segment's block only, so packed batches cost what separate
 * sequences would.
 *
 * @returns [∂L/∂Q, ∂L/∂K, ∂L/∂V], each (n, d_k).
 */
export function attentionBackward(head: { q: Matrix; k: Matrix; v: Matrix; weights: Matrix }, dOut: Matrix, scale: number, segment: number): [Matrix, Matrix, Matrix] {
  const n = dOut.rows;
  const dK = dOut.columns;
  const dQ = zeros(n, dK);
  const dKm = zeros(n, dK);
  const dV = zeros(n, dK);
  const [W, G, Q, K, V, GQ, GK, GV] = [head.weights, dOut, head.q, head.k, head.v, dQ, dKm, dV].map(rows);
  const dw = new Float64Array(segment);
  for (let r = 0; r < n; r += segment) {
    for (let i = r; i < r + segment; i++) {
      const gi = G[i];
      let rowDot = 0; // Σ_j (∂L/∂w_ij) w_ij
      // weights are (n, segment): key j of this segment is column j − r
      for (let j = r; j < r + segment; j++) {
        const wij = W[i][j - r];
        if (wij === 0) continue;
        let s = 0;
        for (let c = 0; c < dK; c++) s += gi[c] * V[j][c]; // ∂L/∂w_ij = (∂L/∂o_i)·v_j
        dw[j - r] = s;
        rowDot += s * wij;
      }
      for (let j = r; j < r + segment; j++) {
        const wij = W[i][j - r];
        if (wij === 0) continue;
        const ds = (wij * (dw[j - r] - rowDot)) / scale; // softmax backward, through ÷scale
        const [vj, kj, qi] = [GV[j], K[j], Q[i]];
        for (let c = 0; c < dK; c++) {
          vj[c] += wij * gi[c]; // ∂L/∂v_j += w_ij ∂L/∂o_i
          GQ[i][c] += ds * kj[c]; // ∂L/∂q_i += ∂L/∂s_ij k_j
          GK[j][c] += ds * qi[c]; // ∂L/∂k_j += ∂L/∂s_ij q_i
        }
      }
    }
  }
  return [dQ, dKm, dV];
}

/**
 * Backward pass of {@link multiHeadAttention} from its trace: the gradients of
 * L = Σ output ⊙ upstream. Inputs are not modified.
 *
 * @param upstream (n, d_model) ∂L/∂output.
 */
export function mhaBackward(x: Matrix, weights: MhaWeights, trace: MhaTrace, upstream: Matrix): MhaGradients {
  const { dK } = trace;
  const scale = Math.sqrt(dK);
  const dWo = matmulTA(trace.concat, upstream); // (dModel, n)·(n, dModel) → (dModel, dModel)
  const dConcat = matmulTB(upstream, weights.wo); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const dQs: Matrix[] = [];
  const dKs: Matrix[] = [];
  const dVs: Matrix[] = [];
  const dXi: number[] = [];
  trace.heads.forEach((head, i) => {
    const dHead = columnBlock(dConcat, i * dK, (i + 1) * dK); // (n, dK): ∂L/∂(ξ·O_i)
    dXi.push(innerProduct(dHead, head.output)); // ∂L/∂ξ_i = Σ dHead ⊙ O_i
    const dOut = scaledBy(dHead, head.gate); // (n, dK)
    const [dQi, dKi, dVi] = attentionBackward(head, dOut, scale, trace.segment ?? dOut.rows);
    dQs.push(dQi);
    dKs.push(dKi);
    dVs.push(dVi);
  });
  const [dQ, dK_, dV] = [mergeHeads(dQs), mergeHeads(dKs), mergeHeads(dVs)]; // h × (n, dK) → (n, dModel)
  const dx = matmulTB(dQ, weights.wq); // (n, dModel)·(dModel, dModel) → (n, dModel)
  addInPlace(dx, matmulTB(dK_, weights.wk)); // (n, dModel)·(dModel, dModel) → (n, dModel)
  addInPlace(dx, matmulTB(dV, weights.wv)); // (n, dModel)·(dModel, dModel) → (n, dModel)
  const grads: MhaGradients = {
    x: dx,
    wq: matmulTA(x, dQ), // (dModel, n)·(n, dModel) → (dModel, dModel)
    wk: matmulTA(x, dK_), // (dModel, n)·(n, dModel) → (dModel, dModel)
    wv: matmulTA(x, dV), // (dModel, n)·(n, dModel) → (dModel, dModel)
    wo: dWo,
    headMask: dXi,
  };
  if (weights.bq) grads.bq = columnSums(dQ);
  if (weights.bk) grads.bk = columnSums(dK_);
  if (weights.bv) grads.bv = columnSums(dV);
  if (weights.bo) grads.bo = columnSums(upstream);
  return grads;
}

/**
 * Gradients of L = Σ output ⊙ upstream for multi-head attention: runs the forward pass,
 * then {@link mhaBackward}.
 *
 * @param upstream (n, d_model) ∂L/∂output.
 */
export function mhaGradients(x: Matrix, weights: MhaWeights, options: MhaOptions, upstream: Matrix): MhaGradients {
  const trace = multiHeadAttention(x, weights, options);
  if (upstream.rows !== trace.output.rows || upstream.columns !== trace.output.columns) {
    throw new RangeError(`upstream is ${upstream.rows}×${upstream.columns} but the output is ${trace.output.rows}×${trace.output.columns}`);
  }
  return mhaBackward(x, weights, trace, upstream);
}
