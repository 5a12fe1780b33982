/**
 * The lab model, fast: token + position embeddings, then per layer x ← x + MHA(x) and
 * x ← x + ReLU(x·W1 + b1)·W2 + b2, then logits = x·W_out + b_out; and its backward pass.
 * A batch of B equally long sequences is packed into B·n rows (attention stays within
 * each sequence). Flat Float64Arrays throughout; parameters are the typed structure of
 * ../params.ts. Node and a Worker give the same bits (only +, −, ×, ÷ and the course's exp).
 */
import { allocateParams, type LayerParams, type ModelParams, type ParamShape } from '../params';
import { addRow, argmax, columnSumsAdd, logSumExp, mm, mmTAAdd, mmTBAdd, softmaxInPlace } from './kernels';
import { mhaBackward, mhaForward, type FlatMhaWeights, type MhaCache } from './mha';

/** Everything that fixes the model's computation. */
export interface EngineConfig extends ParamShape {
  h: number;
  causal: boolean;
}

/** ξ for every head of every layer: headMask[layer][head], 1 = on, 0 = removed. */
export type HeadMask = number[][];

/** One layer's intermediates, kept for the backward pass and for inspection. */
export interface LayerCache {
  /** (N, d_model) the stream entering the layer. */
  input: Float64Array;
  attention: MhaCache;
  /** (N, d_model) input + MHA(input). */
  afterAttention: Float64Array;
  /** (N, d_hidden) before and after the ReLU; absent without an MLP. */
  hiddenPre?: Float64Array;
  hidden?: Float64Array;
}

/** What {@link forward} computes. */
export interface ForwardResult {
  /** (N, vocab) logits, N = sequences × n, row-major. */
  logits: Float64Array;
  layers: LayerCache[];
  /** (N, d_model) the final stream. */
  final: Float64Array;
  /** The batch's tokens, flattened. */
  tokens: readonly number[];
  /** Tokens per sequence. */
  n: number;
  /** Sequences in the batch. */
  sequences: number;
}

/** A layer's attention weights as the MHA kernels take them (views, no copy). */
export function flatAttention(layer: LayerParams): FlatMhaWeights {
  return { wq: layer.wq.data, wk: layer.wk.data, wv: layer.wv.data, wo: layer.wo.data };
}

/**
 * x = E[tokens] + P[position], (N, d_model).
 *
 * @throws RangeError for a token outside the vocabulary.
 */
export function embed(p: ModelParams, c: EngineConfig, tokens: readonly number[], n: number): Float64Array {
  const d = c.dModel;
  const x = new Float64Array(tokens.length * d);
  const E = p.tokenEmbedding.data;
  const P = p.positionEmbedding.data;
  tokens.forEach((t, r) => {
    if (!Number.isInteger(t) || t < 0 || t >= c.vocab) throw new RangeError(`token ${t} is outside the vocabulary 0–${c.vocab - 1}`);
    const pos = (r % n) * d;
    for (let j = 0; j < d; j++) x[r * d + j] = E[t * d + j] + P[pos + j];
  });
  return x;
}

/**
 * out = input + ReLU(input·W1 + b1)·W2 + b2, one row at a time (so no (N, d_hidden)
 * buffer is needed), or a copy of input without an MLP. When `keep` is given, the
 * hidden rows before and after the ReLU are stored in it for the backward pass.
 */
export function mlpForward(layer: LayerParams, input: Float64Array, out: Float64Array, N: number, dModel: number,
  keep?: { hiddenPre: Float64Array; hidden: Float64Array }): void {
  if (!layer.mlp) {
    out.set(input.subarray(0, N * dModel));
    return;
  }
  const { w1, b1, w2, b2 } = layer.mlp;
  const dH = w1.columns;
  const W1 = w1.data;
  const W2 = w2.data;
  const hr = new Float64Array(dH);
  for (let r = 0; r < N; r++) {
    const s = r * dModel;
    hr.fill(0);
    for (let k = 0; k < dModel; k++) { // (1, dModel)·(dModel, dH) → (1, dH)
      const xk = input[s + k];
      if (xk === 0) continue;
      const wk = k * dH;
      for (let j = 0; j < dH; j++) hr[j] += xk * W1[wk + j];
    }
    for (let j = 0; j < dH; j++) hr[j] += b1.data[j];
    if (keep) keep.hiddenPre.set(hr, r * dH);
    for (let j = 0; j < dModel; j++) out[s + j] = 0;
    for (let k = 0; k < dH; k++) { // ReLU, then (1, dH)·(dH, dModel) → (1, dModel)
      const v = hr[k] > 0 ? hr[k] : 0;
      if (keep) keep.hidden[r * dH + k] = v;
      if (v === 0) continue;
      const wk = k * dModel;
      for (let j = 0; j < dModel; j++) out[s + j] += v * W2[wk + j];
    }
    for (let j = 0; j < dModel; j++) out[s + j] = input[s + j] + (out[s + j] + b2.data[j]); // residual + MLP
  }
}

/** logits = x·W_out + b_out, (N, vocab). */
export function readout(p: ModelParams, x: Float64Array, N: number): Float64Array {
  const { w, b } = p.readout;
  const logits = new Float64Array(N * w.columns);
  mm(logits, x, w.data, N, w.rows, w.columns); // (N, dModel)·(dModel, vocab) → (N, vocab)
  addRow(logits, b.data, N, w.columns);
  return logits;
}

/** A mask with every head on. */
export function fullMask(c: { layers: number; h: number }): HeadMask {
  return Array.from({ length: c.layers }, () => new Array<number>(c.h).fill(1));
}

/**
 * The model on a batch of equally long sequences.
 *
 * @throws RangeError for an empty batch, sequences of different or wrong lengths, a token
 *   outside the vocabulary, or a mask of the wrong shape.
 */
export function forward(p: ModelParams, c: EngineConfig, batch: readonly (readonly number[])[], mask: HeadMask = fullMask(c)): ForwardResult {
  if (batch.length === 0) throw new RangeError('the batch is empty: give at least one sequence');
  const n = batch[0].length;
  if (n < 1 || n > c.seqLen) throw new RangeError(`a sequence of ${n} tokens does not fit: use 1 to ${c.seqLen}`);
  if (batch.some((s) => s.length !== n)) throw new RangeError(`every sequence of a batch must have ${n} tokens`);
  if (mask.length !== c.layers || mask.some((row) => row.length !== c.h)) throw new RangeError(`the head mask must have ${c.layers} rows of ${c.h} heads`);
  const tokens = batch.flat();
  const N = tokens.length;
  const d = c.dModel;
  let stream = embed(p, c, tokens, n);
  const layers: LayerCache[] = [];
  const shape = { sequences: batch.length, n, dModel: d, h: c.h, causal: c.causal };
  p.layers.forEach((layer, l) => {
    const attention = mhaForward(stream, flatAttention(layer), shape, mask[l]);
    const afterAttention = new Float64Array(N * d);
    for (let i = 0; i < N * d; i++) afterAttention[i] = stream[i] + attention.output[i]; // residual
    const cache: LayerCache = { input: stream, attention, afterAttention };
    const next = new Float64Array(N * d);
    if (layer.mlp) {
      const dH = layer.mlp.w1.columns;
      cache.hiddenPre = new Float64Array(N * dH);
      cache.hidden = new Float64Array(N * dH);
      mlpForward(layer, afterAttention, next, N, d, { hiddenPre: cache.hiddenPre, hidden: cache.hidden });
      stream = next;
    } else {
      stream = afterAttention;
    }
    layers.push(cache);
  });
  return { logits: readout(p, stream, N), layers, final: stream, tokens, n, sequences: batch.length };
}

/** Gradients of the loss: the same structure as the parameters, and ∂L/∂ξ for every head. */
export interface ModelGradients {
  params: ModelParams;
  headMask: number[][];
}

/** Backward pass of {@link forward}, given ∂L/∂logits (N, vocab). */
export function backward(p: ModelParams, c: EngineConfig, f: ForwardResult, dLogits: Float64Array): ModelGradients {
  const g = allocateParams(c);
  const N = f.tokens.length;
  const d = c.dModel;
  const V = c.vocab;
  mmTAAdd(g.readout.w.data, f.final, dLogits, N, d, V); // (d, N)·(N, V) → (d, V)
  columnSumsAdd(g.readout.b.data, dLogits, N, V);
  let dStream = new Float64Array(N * d);
  mmTBAdd(dStream, dLogits, p.readout.w.data, N, V, d); // (N, V)·(d, V)ᵀ → (N, d)
  const headMask: number[][] = new Array(c.layers);
  for (let l = c.layers - 1; l >= 0; l--) {
    const layer = p.layers[l];
    const gl = g.layers[l];
    const cache = f.layers[l];
    if (layer.mlp && gl.mlp) {
      const dH = layer.mlp.w1.columns;
      const dPre = new Float64Array(N * dH);
      mmTBAdd(dPre, dStream, layer.mlp.w2.data, N, d, dH); // (N, d)·(dH, d)ᵀ → (N, dH)
      mmTAAdd(gl.mlp.w2.data, cache.hidden!, dStream, N, dH, d); // (dH, N)·(N, d) → (dH, d)
      columnSumsAdd(gl.mlp.b2.data, dStream, N, d);
      const pre = cache.hiddenPre!;
      for (let i = 0; i < N * dH; i++) if (pre[i] <= 0) dPre[i] = 0; // ReLU backward
      mmTAAdd(gl.mlp.w1.data, cache.afterAttention, dPre, N, d, dH); // (d, N)·(N, dH) → (d, dH)
      columnSumsAdd(gl.mlp.b1.data, dPre, N, dH);
      mmTBAdd(dStream, dPre, layer.mlp.w1.data, N, dH, d); // residual + (N, dH)·(d, dH)ᵀ → (N, d)
    }
    const dx = new Float64Array(N * d);
    headMask[l] = mhaBackward(cache.attention, flatAttention(layer), dStream, flatAttention(gl), dx);
    for (let i = 0; i < N * d; i++) dStream[i] += dx[i]; // residual: ∂L/∂input = ∂L/∂afterAttention + MHA's ∂L/∂x
  }
  const dE = g.tokenEmbedding.data;
  const dP = g.positionEmbedding.data;
  f.tokens.forEach((t, r) => {
    const pos = (r % f.n) * d;
    for (let j = 0; j < d; j++) {
      dE[t * d + j] += dStream[r * d + j];
      dP[pos + j] += dStream[r * d + j];
    }
  });
  return { params: g, headMask };
}

/** Mean cross-entropy over the scored positions, and its gradient. */
export interface LossResult {
  /** Mean −log p(target) over scored positions, in nats. */
  loss: number;
  /** (N, vocab) ∂loss/∂logits. */
  dLogits: Float64Array;
  /** How many scored positions the argmax got right. */
  correct: number;
  /** How many positions were scored. */
  count: number;
}

/**
 * Softmax cross-entropy of logits (N, vocab) against targets; a target of −1 is not
 * scored. The loss is the mean over scored positions, divided further by `batch` in the
 * gradient, so gradients of several batches can be summed.
 */
export function crossEntropy(logits: Float64Array, vocab: number, targets: readonly number[], batch = 1): LossResult {
  const N = logits.length / vocab;
  if (targets.length !== N) throw new RangeError(`${targets.length} targets for ${N} positions`);
  const dLogits = new Float64Array(logits.length);
  const { loss, correct, count } = scoreLogits(logits, vocab, targets);
  for (let r = 0; r < N; r++) {
    const t = targets[r];
    if (t < 0) continue;
    const start = r * vocab;
    dLogits.set(logits.subarray(start, start + vocab), start);
    softmaxInPlace(dLogits, start, vocab); // p = softmax(logits)
    for (let j = 0; j < vocab; j++) dLogits[start + j] = (dLogits[start + j] - (j === t ? 1 : 0)) / (count * batch); // (p − onehot(t)) / count
  }
  return { loss, dLogits, correct, count };
}

/** Loss, accuracy and every answer of logits (N, vocab) against targets (−1: not scored). */
export interface Scores {
  /** Mean −log p(target) over scored positions (0 when none is scored). */
  loss: number;
  correct: number;
  count: number;
  /** The argmax at every position, scored or not. */
  predicted: Int32Array;
}

/** Score logits without a gradient: what evaluation needs. */
export function scoreLogits(logits: Float64Array, vocab: number, targets: ArrayLike<number>): Scores {
  const N = logits.length / vocab;
  const predicted = new Int32Array(N);
  let loss = 0;
  let correct = 0;
  let count = 0;
  for (let r = 0; r < N; r++) {
    const start = r * vocab;
    const best = argmax(logits, start, vocab);
    predicted[r] = best;
    const t = targets[r];
    if (t < 0) continue;
    const max = logits[start + best];
    loss += -(logits[start + t] - max - logSumExp(logits, start, vocab, max)); // −log softmax(logits)_t
    if (best === t) correct++;
    count++;
  }
  return { loss: count ? loss / count : 0, correct, count, predicted };
}
