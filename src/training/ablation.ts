/**
 * Evaluate one trained model on one fixed set of examples under many head masks, fast
 * enough to follow a reader's clicks.
 *
 * Why it can be fast: ξ_h enters a layer linearly. The layer's output is
 *   concat(ξ_1·head_1, …, ξ_h·head_h)·W_O = Σ_h ξ_h · (head_h · W_O^h),
 * where W_O^h is the block of d_k rows of W_O that reads head h. So each head's
 * contribution C_h = head_h·W_O^h is computed once, and a mask only chooses which
 * contributions to add: removing a head is dropping one term of a sum. Layer l's
 * contributions depend on the masks of the layers below it (they change its input), so
 * they are cached under that prefix of the mask. Toggling a head of the last layer then
 * costs one sum, one MLP and the readout; nothing is reallocated.
 *
 * It computes what {@link evaluate} computes (tests check equality to rounding).
 */
import { Matrix } from 'ml-matrix';
import { block, exp, log, matmul, multiHeadAttention, rows } from '../attention';
import { fullMask, layerWeights, type HeadMask, type ModelConfig, type Params } from './model';
import type { Example } from './tasks';
import type { Evaluation } from './train';

/** The result of one masked run. */
export interface MaskedRun extends Evaluation {
  /** The model's answer (argmax) at every position of every example, example by example. */
  predicted: Int32Array;
}

/** One layer's cached work under one mask prefix: its input and every head's contribution. */
interface LayerEntry {
  /** (N, dModel) the residual stream entering the layer, N = examples × seqLen. */
  input: Matrix;
  /** h × (N, dModel): head_h · W_O^h. */
  contributions: Matrix[];
}

/** The cache key of layer l's entry: the masks of the layers below it ('' for layer 0). */
const prefixKey = (mask: HeadMask, l: number) => mask.slice(0, l).map((row) => row.join(',')).join('|');

/** See the module comment. */
export class MaskedEvaluator {
  readonly size: number;
  readonly #p: Params;
  readonly #c: ModelConfig;
  readonly #n: number;
  readonly #targets: Int32Array;
  readonly #cache = new Map<string, LayerEntry>();
  readonly #cacheSize: number;
  // Workspace reused by every run: (N, dModel) stream after attention, (1, dHidden) one hidden row, (N, dModel) stream after the MLP.
  readonly #afterAttention: Matrix;
  readonly #hidden: Matrix;
  readonly #afterMlp: Matrix;

  /**
   * @param examples Equally long sequences (the lab's held-out set); at least one.
   * @param cacheSize Layer entries kept (each holds (h + 1) matrices of N × dModel).
   */
  constructor(p: Params, c: ModelConfig, examples: readonly Example[], { cacheSize = 40 } = {}) {
    if (examples.length === 0) throw new RangeError('give at least one example to evaluate on');
    const n = examples[0].tokens.length;
    if (examples.some((e) => e.tokens.length !== n)) throw new RangeError(`every example must have ${n} tokens`);
    this.#p = p;
    this.#c = c;
    this.#n = n;
    this.#cacheSize = Math.max(c.layers, cacheSize);
    this.size = examples.length;
    this.#targets = Int32Array.from(examples.flatMap((e) => e.targets));
    const N = this.#targets.length;
    this.#afterAttention = new Matrix(N, c.dModel);
    this.#hidden = new Matrix(1, Math.max(c.dHidden, 1)); // one row at a time
    this.#afterMlp = new Matrix(N, c.dModel);
    const x = new Matrix(N, c.dModel); // token + position embeddings
    const X = rows(x);
    const E = rows(p.tokenEmbedding);
    const P = rows(p.positionEmbedding);
    examples.flatMap((e) => e.tokens).forEach((t, r) => {
      if (!Number.isInteger(t) || t < 0 || t >= c.vocab) throw new RangeError(`token ${t} is outside the vocabulary 0–${c.vocab - 1}`);
      for (let j = 0; j < c.dModel; j++) X[r][j] = E[t][j] + P[r % n][j];
    });
    this.#remember('', this.#layerEntry(0, x));
  }

  /** Accuracy, loss and every answer under `mask` (default: every head on). */
  run(mask: HeadMask = fullMask(this.#c)): MaskedRun {
    const c = this.#c;
    if (mask.length !== c.layers || mask.some((row) => row.length !== c.h)) {
      throw new RangeError(`the mask must have ${c.layers} rows of ${c.h} heads`);
    }
    // Start at the deepest layer whose input under this mask is already known.
    let start = c.layers - 1;
    while (start > 0 && !this.#cache.has(prefixKey(mask, start))) start--;
    let entry = this.#entry(start, mask);
    for (let l = start; l < c.layers; l++) {
      this.#attentionSum(entry, mask[l]);
      this.#mlp(l);
      if (l + 1 < c.layers) entry = this.#entry(l + 1, mask);
    }
    return this.#readout();
  }

  /**
   * Compute ahead (say, while the page is idle) what a later click on `mask` will need,
   * so that click only sums and reads out.
   */
  warm(mask: HeadMask): void {
    this.run(mask);
  }

  /**
   * Layer l's entry under the masks of layers 0…l−1. Called by run() right after layer
   * l−1, so on a miss the stream entering layer l is the workspace's afterMlp.
   */
  #entry(l: number, mask: HeadMask): LayerEntry {
    const key = prefixKey(mask, l);
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key); // most recently used goes last
      this.#cache.set(key, hit);
      return hit;
    }
    const made = this.#layerEntry(l, this.#afterMlp.clone());
    this.#remember(key, made);
    return made;
  }

  #remember(key: string, entry: LayerEntry): void {
    this.#cache.set(key, entry);
    while (this.#cache.size > this.#cacheSize) {
      const oldest = [...this.#cache.keys()].find((k) => k !== '')!;
      this.#cache.delete(oldest);
    }
  }

  /** Run layer l's attention on `input` with every head on and split the output by head. */
  #layerEntry(l: number, input: Matrix): LayerEntry {
    const c = this.#c;
    const weights = layerWeights(this.#p, l);
    const trace = multiHeadAttention(input, weights, { h: c.h, causal: c.causal, segment: this.#n });
    const dK = trace.dK;
    const contributions = trace.heads.map((head, i) => {
      const woRows = block(weights.wo, i * dK, (i + 1) * dK, 0, c.dModel); // W_O^h: (dK, dModel)
      return matmul(head.output, woRows); // (N, dK)·(dK, dModel) → (N, dModel)
    });
    return { input, contributions };
  }

  // #region maskedSum
  /** afterAttention = input + Σ_h ξ_h · C_h (the residual plus the masked attention output). */
  #attentionSum(entry: LayerEntry, xi: readonly number[]): void {
    const S = rows(this.#afterAttention);
    const X = rows(entry.input);
    const C = entry.contributions.map(rows);
    const d = this.#c.dModel;
    for (let r = 0; r < S.length; r++) {
      const s = S[r];
      s.set(X[r]);
      for (let head = 0; head < C.length; head++) {
        const g = xi[head];
        if (g === 0) continue;
        const ch = C[head][r];
        for (let j = 0; j < d; j++) s[j] += g * ch[j];
      }
    }
  }
  // #endregion

  /** afterMlp = afterAttention + ReLU(afterAttention·W1 + b1)·W2 + b2 (or a copy, without an MLP). */
  #mlp(l: number): void {
    const { dModel, dHidden } = this.#c;
    const S = rows(this.#afterAttention);
    const O = rows(this.#afterMlp);
    if (dHidden === 0) {
      for (let r = 0; r < S.length; r++) O[r].set(S[r]);
      return;
    }
    const hr = rows(this.#hidden)[0];
    const W1 = rows(this.#p[`l${l}.w1`]);
    const b1 = rows(this.#p[`l${l}.b1`])[0];
    const W2 = rows(this.#p[`l${l}.w2`]);
    const b2 = rows(this.#p[`l${l}.b2`])[0];
    for (let r = 0; r < S.length; r++) {
      const s = S[r];
      hr.set(b1);
      for (let k = 0; k < dModel; k++) { // (1, dModel)·(dModel, dHidden) → (1, dHidden)
        const v = s[k];
        const w = W1[k];
        for (let j = 0; j < dHidden; j++) hr[j] += v * w[j];
      }
      const o = O[r];
      for (let j = 0; j < dModel; j++) o[j] = s[j] + b2[j];
      for (let k = 0; k < dHidden; k++) { // ReLU, then (1, dHidden)·(dHidden, dModel) → (1, dModel)
        const v = hr[k];
        if (v <= 0) continue;
        const w = W2[k];
        for (let j = 0; j < dModel; j++) o[j] += v * w[j];
      }
    }
  }

  /** Logits = afterMlp·W_out + b_out, row by row, into accuracy, loss and answers. */
  #readout(): MaskedRun {
    const c = this.#c;
    const O = rows(this.#afterMlp);
    const W = rows(this.#p['readout.w']);
    const b = rows(this.#p['readout.b'])[0];
    const logits = new Float64Array(c.vocab);
    const predicted = new Int32Array(O.length);
    let correct = 0;
    let count = 0;
    let loss = 0;
    for (let r = 0; r < O.length; r++) {
      logits.set(b);
      const o = O[r];
      for (let k = 0; k < c.dModel; k++) { // (1, dModel)·(dModel, vocab) → (1, vocab)
        const v = o[k];
        const w = W[k];
        for (let j = 0; j < c.vocab; j++) logits[j] += v * w[j];
      }
      let best = 0;
      for (let j = 1; j < c.vocab; j++) if (logits[j] > logits[best]) best = j;
      predicted[r] = best;
      const t = this.#targets[r];
      if (t < 0) continue;
      let sum = 0;
      for (let j = 0; j < c.vocab; j++) sum += exp(logits[j] - logits[best]);
      loss += -(logits[t] - logits[best] - log(sum));
      if (best === t) correct++;
      count++;
    }
    return { accuracy: count ? correct / count : 0, loss: count ? loss / count : 0, predicted };
  }
}
