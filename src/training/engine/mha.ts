/**
 * Multi-head attention for training: forward and backward over a packed batch of B
 * sequences of n tokens (rows b·n … b·n + n − 1 are sequence b; attention stays within
 * each), on flat row-major Float64Arrays. Computes what `multiHeadAttention` in
 * src/attention computes, in the same order of operations (tests check equality to
 * 1e-10 on random shapes and on PyTorch's cases); the reference is what lessons show.
 *
 * Layout: x, q, k, v, heads, concat and output are (B·n, d_model); head i is columns
 * [i·d_k, (i+1)·d_k). The attention weights are (B, h, n, n).
 */
import { addRow, columnSumsAdd, mm, mmTAAdd, mmTBAdd, productAdd, softmaxInPlace } from './kernels';

/** One layer's weights, flat: (d_model, d_model) each, biases of length d_model (optional). */
export interface FlatMhaWeights {
  wq: Float64Array;
  wk: Float64Array;
  wv: Float64Array;
  wo: Float64Array;
  bq?: Float64Array;
  bk?: Float64Array;
  bv?: Float64Array;
  bo?: Float64Array;
}

/** The shape of a packed batch. */
export interface MhaShape {
  /** Sequences in the batch (B). */
  sequences: number;
  /** Tokens per sequence. */
  n: number;
  dModel: number;
  h: number;
  causal: boolean;
}

/** What the forward pass keeps for the backward pass and for inspection. */
export interface MhaCache {
  shape: MhaShape;
  dK: number;
  /** (B·n, d_model) the input (not copied: the caller must not change it before backward). */
  x: Float64Array;
  q: Float64Array;
  k: Float64Array;
  v: Float64Array;
  /** (B, h, n, n) attention weights; 0 where the causal mask hides a key. */
  weights: Float64Array;
  /** (B·n, d_model) head outputs side by side, before ξ. */
  heads: Float64Array;
  /** (B·n, d_model) head outputs, each times its ξ (the same array as `heads` when every ξ is 1). */
  concat: Float64Array;
  /** (B·n, d_model) concat·W_O + b_O. */
  output: Float64Array;
  /** ξ per head. */
  xi: readonly number[];
}

/**
 * Forward pass: Q = X·W_Q + b_Q (likewise K, V); per sequence and head,
 * softmax(Q_i·K_iᵀ / √d_k)·V_i; heads times ξ side by side; ·W_O + b_O.
 */
export function mhaForward(x: Float64Array, w: FlatMhaWeights, shape: MhaShape, xi: readonly number[] = new Array<number>(shape.h).fill(1)): MhaCache {
  const { sequences: B, n, dModel: d, h, causal } = shape;
  const N = B * n;
  const dK = d / h;
  const scale = Math.sqrt(dK);
  const project = (wm: Float64Array, b?: Float64Array) => {
    const out = new Float64Array(N * d);
    mm(out, x, wm, N, d, d); // (N, d)·(d, d) → (N, d)
    if (b) addRow(out, b, N, d);
    return out;
  };
  const q = project(w.wq, w.bq);
  const k = project(w.wk, w.bk);
  const v = project(w.wv, w.bv);
  const weights = new Float64Array(B * h * n * n);
  const heads = new Float64Array(N * d);
  const kT = new Float64Array(dK * n);
  for (let b = 0; b < B; b++) {
    const r0 = b * n;
    for (let hd = 0; hd < h; hd++) {
      const block = r0 * d + hd * dK; // this head's columns of rows r0 …: row stride d
      const wOff = (b * h + hd) * n * n; // this head's (n, n) map
      for (let j = 0; j < n; j++) for (let c = 0; c < dK; c++) kT[c * n + j] = k[block + j * d + c]; // K_hᵀ (dK, n)
      productAdd(weights, wOff, n, q, block, d, 1, kT, 0, n, n, dK, n); // (n, dK)·(dK, n) → (n, n): Q_h·K_hᵀ
      for (let i = 0; i < n; i++) {
        const wi = wOff + i * n;
        const end = causal ? i + 1 : n;
        for (let j = 0; j < end; j++) weights[wi + j] /= scale;
        for (let j = end; j < n; j++) weights[wi + j] = 0; // keys after i (causal) get weight 0
        softmaxInPlace(weights, wi, end);
      }
      productAdd(heads, block, d, weights, wOff, n, 1, v, block, d, n, n, dK); // (n, n)·(n, dK) → (n, dK): A·V_h
    }
  }
  let concat = heads;
  if (xi.some((g) => g !== 1)) {
    concat = new Float64Array(N * d);
    for (let r = 0; r < N; r++) for (let hd = 0; hd < h; hd++) {
      const g = xi[hd];
      for (let c = hd * dK; c < (hd + 1) * dK; c++) concat[r * d + c] = heads[r * d + c] * g;
    }
  }
  const output = new Float64Array(N * d);
  mm(output, concat, w.wo, N, d, d); // (N, d)·(d, d) → (N, d)
  if (w.bo) addRow(output, w.bo, N, d);
  return { shape, dK, x, q, k, v, weights, heads, concat, output, xi };
}

/**
 * Backward pass from ∂L/∂output: adds ∂L/∂W (and ∂L/∂b, for the biases `grads` has) into
 * `grads`, adds ∂L/∂x into `dx`, and returns ∂L/∂ξ for every head.
 */
export function mhaBackward(cache: MhaCache, w: FlatMhaWeights, dOutput: Float64Array, grads: FlatMhaWeights, dx: Float64Array): number[] {
  const { shape, dK, x, q, k, v, weights, heads, concat, xi } = cache;
  const { sequences: B, n, dModel: d, h, causal } = shape;
  const N = B * n;
  const scale = Math.sqrt(dK);
  mmTAAdd(grads.wo, concat, dOutput, N, d, d); // (d, N)·(N, d) → (d, d)
  if (grads.bo) columnSumsAdd(grads.bo, dOutput, N, d);
  const dConcat = new Float64Array(N * d);
  mmTBAdd(dConcat, dOutput, w.wo, N, d, d); // (N, d)·(d, d)ᵀ → (N, d)

  const dXi = new Array<number>(h).fill(0);
  for (let hd = 0; hd < h; hd++) {
    let s = 0;
    for (let r = 0; r < N; r++) for (let c = hd * dK; c < (hd + 1) * dK; c++) s += dConcat[r * d + c] * heads[r * d + c]; // ∂L/∂ξ = Σ ∂L/∂concat ⊙ head
    dXi[hd] = s;
  }
  // ∂L/∂head = ξ · ∂L/∂concat, in place
  if (xi.some((g) => g !== 1)) for (let r = 0; r < N; r++) for (let hd = 0; hd < h; hd++) for (let c = hd * dK; c < (hd + 1) * dK; c++) dConcat[r * d + c] *= xi[hd];

  const dq = new Float64Array(N * d);
  const dk = new Float64Array(N * d);
  const dv = new Float64Array(N * d);
  const vT = new Float64Array(dK * n);
  const dA = new Float64Array(n * n);
  for (let b = 0; b < B; b++) {
    const r0 = b * n;
    for (let hd = 0; hd < h; hd++) {
      const block = r0 * d + hd * dK;
      const wOff = (b * h + hd) * n * n;
      for (let j = 0; j < n; j++) for (let c = 0; c < dK; c++) vT[c * n + j] = v[block + j * d + c]; // V_hᵀ (dK, n)
      dA.fill(0);
      productAdd(dA, 0, n, dConcat, block, d, 1, vT, 0, n, n, dK, n); // (n, dK)·(dK, n) → (n, n): ∂L/∂A = ∂L/∂O_h·V_hᵀ
      for (let i = 0; i < n; i++) { // softmax backward, through ÷√d_k: dA becomes ∂L/∂S
        const wi = wOff + i * n;
        const end = causal ? i + 1 : n;
        let rowDot = 0; // Σ_j ∂L/∂a_ij · a_ij
        for (let j = 0; j < end; j++) rowDot += dA[i * n + j] * weights[wi + j];
        for (let j = 0; j < n; j++) {
          const wij = j < end ? weights[wi + j] : 0;
          dA[i * n + j] = wij === 0 ? 0 : (wij * (dA[i * n + j] - rowDot)) / scale;
        }
      }
      productAdd(dv, block, d, weights, wOff, 1, n, dConcat, block, d, n, n, dK); // (n, n)ᵀ·(n, dK) → (n, dK): Aᵀ·∂L/∂O_h
      productAdd(dq, block, d, dA, 0, n, 1, k, block, d, n, n, dK); // (n, n)·(n, dK) → (n, dK): ∂L/∂S·K_h
      productAdd(dk, block, d, dA, 0, 1, n, q, block, d, n, n, dK); // (n, n)ᵀ·(n, dK) → (n, dK): ∂L/∂Sᵀ·Q_h
    }
  }
  mmTAAdd(grads.wq, x, dq, N, d, d); // (d, N)·(N, d) → (d, d)
  mmTAAdd(grads.wk, x, dk, N, d, d);
  mmTAAdd(grads.wv, x, dv, N, d, d);
  if (grads.bq) columnSumsAdd(grads.bq, dq, N, d);
  if (grads.bk) columnSumsAdd(grads.bk, dk, N, d);
  if (grads.bv) columnSumsAdd(grads.bv, dv, N, d);
  mmTBAdd(dx, dq, w.wq, N, d, d); // (N, d)·(d, d)ᵀ → (N, d)
  mmTBAdd(dx, dk, w.wk, N, d, d);
  mmTBAdd(dx, dv, w.wv, N, d, d);
  return dXi;
}

/**
 * Each head's share of the output, before b_O: C_h = head_h · W_O^h, where W_O^h is the
 * block of d_k rows of W_O that reads head h. Σ_h ξ_h·C_h + b_O is the output, which is
 * what lets a head mask be applied by adding terms (see MaskedEvaluator).
 *
 * @returns h arrays of (B·n, d_model).
 */
export function headContributions(cache: MhaCache, wo: Float64Array): Float64Array[] {
  const { shape, dK, heads } = cache;
  const { sequences: B, n, dModel: d, h } = shape;
  const N = B * n;
  return Array.from({ length: h }, (_, hd) => {
    const out = new Float64Array(N * d);
    for (let r = 0; r < N; r++) {
      const hr = r * d + hd * dK;
      const or = r * d;
      for (let c = 0; c < dK; c++) {
        const v = heads[hr + c];
        if (v === 0) continue;
        const wr = (hd * dK + c) * d;
        for (let j = 0; j < d; j++) out[or + j] += v * wo[wr + j];
      }
    }
    return out;
  });
}

/** Row i of one head's attention map for one sequence of the batch, as a view. */
export function attentionRow(cache: MhaCache, sequence: number, head: number, i: number): Float64Array {
  const { n, h } = cache.shape;
  const start = ((sequence * h + head) * n + i) * n;
  return cache.weights.subarray(start, start + n);
}
