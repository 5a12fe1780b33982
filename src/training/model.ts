import { Matrix } from 'ml-matrix';
import { added, addRowInPlace, headDim, matmul, matmulTA, matmulTB, relu, rows, mulberry32, multiHeadAttention, randomMatrix, zeros, type MhaTrace, type MhaWeights } from '../attention';
import { mhaBackward } from './mhaBackward';

/** Size of the lab's model. */
export interface ModelConfig {
  /** Number of distinct tokens. */
  vocab: number;
  /** Tokens per sequence (learned position embeddings for each). */
  seqLen: number;
  dModel: number;
  /** Heads per attention layer; must divide dModel. */
  h: number;
  /** Attention layers (each: attention + residual, then MLP + residual). */
  layers: number;
  /** Hidden width of each layer's MLP; 0 for no MLP. */
  dHidden: number;
  /** Attend only to earlier positions. */
  causal: boolean;
}

/** All trainable matrices by name (biases are 1×k matrices). */
export type Params = Record<string, Matrix>;

/** ξ for every head of every layer: headMask[layer][head], 1 = on, 0 = removed. */
export type HeadMask = number[][];

/** Names of a layer's matrices. */
const layerKeys = (l: number) => ({ wq: `l${l}.wq`, wk: `l${l}.wk`, wv: `l${l}.wv`, wo: `l${l}.wo`, w1: `l${l}.w1`, b1: `l${l}.b1`, w2: `l${l}.w2`, b2: `l${l}.b2` });

/** Check a configuration, with messages that say what would work. */
export function checkConfig(c: ModelConfig): void {
  for (const [name, v] of Object.entries({ vocab: c.vocab, seqLen: c.seqLen, dModel: c.dModel, h: c.h, layers: c.layers })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive whole number, got ${v}`);
  }
  if (!Number.isInteger(c.dHidden) || c.dHidden < 0) throw new RangeError(`dHidden must be 0 (no MLP) or a positive whole number, got ${c.dHidden}`);
  headDim(c.dModel, c.h);
}

/** Seeded initial parameters: N(0, 1/fan_in) weights, zero biases, N(0, 0.5²) embeddings. */
export function initParams(c: ModelConfig, seed: number): Params {
  checkConfig(c);
  const rng = mulberry32(seed);
  const d = c.dModel;
  const p: Params = {
    tokenEmbedding: randomMatrix(c.vocab, d, rng, 0.5),
    positionEmbedding: randomMatrix(c.seqLen, d, rng, 0.5),
  };
  for (let l = 0; l < c.layers; l++) {
    const k = layerKeys(l);
    for (const name of [k.wq, k.wk, k.wv, k.wo]) p[name] = randomMatrix(d, d, rng, 1 / Math.sqrt(d));
    if (c.dHidden > 0) {
      p[k.w1] = randomMatrix(d, c.dHidden, rng, 1 / Math.sqrt(d));
      p[k.b1] = Matrix.zeros(1, c.dHidden);
      p[k.w2] = randomMatrix(c.dHidden, d, rng, 1 / Math.sqrt(c.dHidden));
      p[k.b2] = Matrix.zeros(1, d);
    }
  }
  p['readout.w'] = randomMatrix(d, c.vocab, rng, 1 / Math.sqrt(d));
  p['readout.b'] = Matrix.zeros(1, c.vocab);
  return p;
}

/** A mask with every head on. */
export function fullMask(c: Pick<ModelConfig, 'layers' | 'h'>): HeadMask {
  return Array.from({ length: c.layers }, () => new Array<number>(c.h).fill(1));
}

/** Attention weights of a layer, as multiHeadAttention takes them. */
export function layerWeights(p: Params, l: number): MhaWeights {
  const k = layerKeys(l);
  return { wq: p[k.wq], wk: p[k.wk], wv: p[k.wv], wo: p[k.wo] };
}


interface LayerCache {
  input: Matrix;
  attention: MhaTrace;
  afterAttention: Matrix;
  hiddenPre?: Matrix;
  hidden?: Matrix;
}

/** What the forward pass keeps for the backward pass and for inspection. */
export interface ForwardResult {
  /** (B·n, vocab) scores of the answer at every position of every sequence, stacked. */
  logits: Matrix;
  /** Per-layer intermediates, including every head's attention weights (packed: (B·n, B·n), zero across sequences). */
  layers: LayerCache[];
  /** (B·n, dModel) final residual stream. */
  final: Matrix;
  /** The batch's tokens, flattened. */
  tokens: readonly number[];
  /** Tokens per sequence. */
  n: number;
}

/**
 * The lab's model on a batch of equally long sequences, packed into one matrix of B·n
 * rows (attention stays within each sequence): x = E[tokens] + P; per layer
 * x ← x + MHA(x) and x ← x + ReLU(x·W1 + b1)·W2 + b2; logits = x·W_out + b_out.
 */
export function forward(p: Params, c: ModelConfig, batch: readonly (readonly number[])[], mask: HeadMask = fullMask(c)): ForwardResult {
  const n = batch[0]?.length ?? 0;
  if (batch.length === 0) throw new RangeError('the batch is empty: give at least one sequence');
  if (n < 1 || n > c.seqLen) throw new RangeError(`a sequence of ${n} tokens does not fit: use 1 to ${c.seqLen}`);
  if (batch.some((s) => s.length !== n)) throw new RangeError(`every sequence of a batch must have ${n} tokens`);
  const tokens = batch.flat();
  const x = zeros(tokens.length, c.dModel);
  tokens.forEach((t, r) => {
    if (!Number.isInteger(t) || t < 0 || t >= c.vocab) throw new RangeError(`token ${t} is outside the vocabulary 0–${c.vocab - 1}`);
    const e = p.tokenEmbedding.getRow(t);
    const pos = p.positionEmbedding.getRow(r % n);
    for (let j = 0; j < c.dModel; j++) x.set(r, j, e[j] + pos[j]);
  });
  let stream = x;
  const layers: LayerCache[] = [];
  for (let l = 0; l < c.layers; l++) {
    const k = layerKeys(l);
    const attention = multiHeadAttention(stream, layerWeights(p, l), { h: c.h, causal: c.causal, headMask: mask[l], segment: n });
    const afterAttention = added(stream, attention.output); // residual
    const cache: LayerCache = { input: stream, attention, afterAttention };
    stream = afterAttention;
    if (c.dHidden > 0) {
      const hiddenPre = addRowInPlace(matmul(stream, p[k.w1]), p[k.b1]); // (B·n, dModel)·(dModel, dHidden) → (B·n, dHidden)
      const hidden = relu(hiddenPre);
      const mlpOut = addRowInPlace(matmul(hidden, p[k.w2]), p[k.b2]); // (B·n, dHidden)·(dHidden, dModel) → (B·n, dModel)
      stream = added(stream, mlpOut);
      cache.hiddenPre = hiddenPre;
      cache.hidden = hidden;
    }
    layers.push(cache);
  }
  const logits = addRowInPlace(matmul(stream, p['readout.w']), p['readout.b']); // (B·n, dModel)·(dModel, vocab) → (B·n, vocab)
  return { logits, layers, final: stream, tokens, n };
}


/** Gradients of the loss for every parameter, and ∂L/∂ξ for every head. */
export interface ModelGradients {
  params: Params;
  headMask: number[][];
}

/**
 * Backward pass of {@link forward}, given ∂L/∂logits.
 *
 * @param dLogits (B·n, vocab)
 */
export function backward(p: Params, c: ModelConfig, f: ForwardResult, dLogits: Matrix): ModelGradients {
  const g: Params = {};
  const headMask: number[][] = new Array(c.layers);
  g['readout.w'] = matmulTA(f.final, dLogits); // (dModel, n)·(n, vocab) → (dModel, vocab)
  g['readout.b'] = Matrix.rowVector(colSums(dLogits));
  let dStream = matmulTB(dLogits, p['readout.w']); // (n, vocab)·(vocab, dModel) → (n, dModel)
  for (let l = c.layers - 1; l >= 0; l--) {
    const k = layerKeys(l);
    const cache = f.layers[l];
    if (c.dHidden > 0) {
      const dHidden = matmulTB(dStream, p[k.w2]); // (n, dModel)·(dModel, dHidden) → (n, dHidden)
      g[k.w2] = matmulTA(cache.hidden!, dStream); // (dHidden, n)·(n, dModel) → (dHidden, dModel)
      g[k.b2] = Matrix.rowVector(colSums(dStream));
      const dPre = dHidden; // ReLU backward, in place on this fresh matrix
      const [D, P] = [rows(dPre), rows(cache.hiddenPre!)];
      for (let i = 0; i < dPre.rows; i++) for (let j = 0; j < dPre.columns; j++) if (P[i][j] <= 0) D[i][j] = 0;
      g[k.w1] = matmulTA(cache.afterAttention, dPre); // (dModel, n)·(n, dHidden) → (dModel, dHidden)
      g[k.b1] = Matrix.rowVector(colSums(dPre));
      dStream = added(dStream, matmulTB(dPre, p[k.w1])); // residual + (n, dHidden)·(dHidden, dModel)
    }
    const a = mhaBackward(cache.input, layerWeights(p, l), cache.attention, dStream);
    g[k.wq] = a.wq;
    g[k.wk] = a.wk;
    g[k.wv] = a.wv;
    g[k.wo] = a.wo;
    headMask[l] = a.headMask;
    dStream = added(dStream, a.x); // residual
  }
  const dToken = zeros(c.vocab, c.dModel);
  const dPos = zeros(c.seqLen, c.dModel);
  f.tokens.forEach((t, r) => {
    const i = r % f.n;
    for (let j = 0; j < c.dModel; j++) {
      const g = dStream.get(r, j);
      dToken.set(t, j, dToken.get(t, j) + g);
      dPos.set(i, j, dPos.get(i, j) + g);
    }
  });
  g.tokenEmbedding = dToken;
  g.positionEmbedding = dPos;
  return { params: g, headMask };
}

function colSums(m: Matrix): number[] {
  const out = new Array<number>(m.columns).fill(0);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.columns; j++) out[j] += m.get(i, j);
  return out;
}
