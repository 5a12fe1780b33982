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
 * costs one sum, one MLP and the readout.
 *
 * It computes what {@link evaluate} computes (tests check equality to rounding), with the
 * training engine's pieces: embed, mhaForward and headContributions, mlpForward, readout.
 */
import { embed, fullMask, headContributions, mhaForward, mlpForward, readout, scoreLogits, flatAttention, type HeadMask } from './engine';
import { Matrix } from 'ml-matrix';
import type { ModelConfig } from './model';
import { toMatrix, type ModelParams } from './params';
import type { Example } from './tasks';
import type { Evaluation } from './train';

/** The result of one masked run. */
export interface MaskedRun extends Evaluation {
  /** The model's answer (argmax) at every position of every example, example by example. */
  predicted: Int32Array;
}

/** One layer's masked sum, as {@link MaskedEvaluator.runWithSum} hands it out. */
export interface LayerStep {
  /** 0-based layer. */
  layer: number;
  /** (N, dModel) the residual stream entering the layer. Read only (layer 0's is shared across runs). */
  input: Matrix;
  /** h × (N, dModel): head_h · W_O^h. Read only, like `input`. */
  contributions: Matrix[];
  /** ξ_h per head. */
  xi: number[];
  /** The course's sum of this step, from the engine's flat arrays (the same bits as {@link maskedSum}). */
  course(): Matrix;
}

/** A layer's masked sum done elsewhere: resolve with the (N, dModel) stream after attention. */
export type LayerSum = (step: LayerStep) => Promise<Matrix>;

/** One layer's cached work under one mask prefix: its input and every head's contribution. */
interface LayerEntry {
  /** (N, dModel) the residual stream entering the layer, N = examples × seqLen. */
  input: Float64Array;
  /** h × (N, dModel): head_h · W_O^h. */
  contributions: Float64Array[];
}

/** The cache key of layer l's entry: the masks of the layers below it ('' for layer 0). */
const prefixKey = (mask: HeadMask, l: number) => mask.slice(0, l).map((row) => row.join(',')).join('|');

/** See the module comment. */
export class MaskedEvaluator {
  readonly size: number;
  readonly #p: ModelParams;
  readonly #c: ModelConfig;
  readonly #n: number;
  readonly #targets: Int32Array;
  readonly #cache = new Map<string, LayerEntry>();
  readonly #cacheSize: number;
  // Workspace reused by every run: (N, dModel) stream after attention and after the MLP.
  readonly #afterAttention: Float64Array;
  readonly #afterMlp: Float64Array;
  /** Layer 0's input and terms as Matrix values, for {@link runWithSum} (made on first use). */
  #firstLayer: Matrix[] | null = null;

  /**
   * @param examples Equally long sequences (the lab's held-out set); at least one.
   * @param cacheSize Layer entries kept (each holds (h + 1) arrays of N × dModel).
   */
  constructor(p: ModelParams, c: ModelConfig, examples: readonly Example[], { cacheSize = 40 } = {}) {
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
    this.#afterAttention = new Float64Array(N * c.dModel);
    this.#afterMlp = new Float64Array(N * c.dModel);
    const x = embed(p, c, examples.flatMap((e) => e.tokens), n); // token + position embeddings
    this.#remember('', this.#layerEntry(0, x));
  }

  /** Accuracy, loss and every answer under `mask` (default: every head on). */
  run(mask: HeadMask = fullMask(this.#c)): MaskedRun {
    const c = this.#c;
    this.#checkMask(mask);
    // Start at the deepest layer whose input under this mask is already known.
    let start = c.layers - 1;
    while (start > 0 && !this.#cache.has(prefixKey(mask, start))) start--;
    let entry = this.#entry(start, mask);
    for (let l = start; l < c.layers; l++) {
      this.#attentionSum(entry, mask[l]);
      mlpForward(this.#p.layers[l], this.#afterAttention, this.#afterMlp, this.#targets.length, c.dModel);
      if (l + 1 < c.layers) entry = this.#entry(l + 1, mask);
    }
    const { loss, correct, count, predicted } = scoreLogits(readout(this.#p, this.#afterMlp, this.#targets.length), c.vocab, this.#targets);
    return { accuracy: count ? correct / count : 0, loss, predicted };
  }

  /**
   * The same run, with each layer's masked sum done by `sum` (the reader's {@link maskedSum},
   * run in the cell worker, so it is async). Nothing it computes is cached: its layer inputs
   * come from `sum`, which may differ from the course's. Uses workspace of its own, so a
   * {@link run} or {@link warm} between its steps does not disturb it.
   * @throws what `sum` throws, and a RangeError naming the layer when it returns another shape.
   */
  async runWithSum(mask: HeadMask, sum: LayerSum): Promise<MaskedRun> {
    const c = this.#c;
    this.#checkMask(mask);
    const N = this.#targets.length;
    const afterMlp = new Float64Array(N * c.dModel);
    const asMatrix = (data: Float64Array) => toMatrix({ rows: N, columns: c.dModel, data }); // (N, dModel), a copy
    let entry = this.#cache.get('')!; // layer 0's input and terms do not depend on any mask
    for (let l = 0; l < c.layers; l++) {
      const layerEntry = entry;
      const course = () => {
        const flat = new Float64Array(N * c.dModel);
        sumInto(flat, layerEntry, mask[l]);
        return asMatrix(flat);
      };
      // Layer 0's matrices are the same for every mask: made once and shared (read them only).
      const [input, ...contributions] = l === 0
        ? (this.#firstLayer ??= [entry.input, ...entry.contributions].map(asMatrix))
        : [entry.input, ...entry.contributions].map(asMatrix);
      const out = await sum({ layer: l, input, contributions, xi: [...mask[l]], course });
      if (out.rows !== N || out.columns !== c.dModel) throw new RangeError(`layer ${l + 1}'s sum is ${out.rows}×${out.columns}; it must be ${N}×${c.dModel}, like its input`);
      mlpForward(this.#p.layers[l], Float64Array.from(out.to1DArray()), afterMlp, N, c.dModel);
      if (l + 1 < c.layers) entry = this.#layerEntry(l + 1, afterMlp.slice());
    }
    const { loss, correct, count, predicted } = scoreLogits(readout(this.#p, afterMlp, N), c.vocab, this.#targets);
    return { accuracy: count ? correct / count : 0, loss, predicted };
  }

  #checkMask(mask: HeadMask): void {
    const c = this.#c;
    if (mask.length !== c.layers || mask.some((row) => row.length !== c.h)) {
      throw new RangeError(`the mask must have ${c.layers} rows of ${c.h} heads`);
    }
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
    const made = this.#layerEntry(l, this.#afterMlp.slice());
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
  #layerEntry(l: number, input: Float64Array): LayerEntry {
    const c = this.#c;
    const layer = this.#p.layers[l];
    const cache = mhaForward(input, flatAttention(layer), { sequences: this.size, n: this.#n, dModel: c.dModel, h: c.h, causal: c.causal });
    return { input, contributions: headContributions(cache, layer.wo.data) };
  }

  /** afterAttention = input + Σ_h ξ_h · C_h. */
  #attentionSum(entry: LayerEntry, xi: readonly number[]): void {
    sumInto(this.#afterAttention, entry, xi);
  }
}

/** out = input + Σ_h ξ_h · C_h: {@link maskedSum} on flat arrays, the same sum in the same order. */
function sumInto(out: Float64Array, entry: LayerEntry, xi: readonly number[]): void {
  out.set(entry.input);
  entry.contributions.forEach((ch, head) => {
    const g = xi[head];
    if (g === 0) return;
    for (let i = 0; i < out.length; i++) out[i] += g * ch[i];
  });
}

/**
 * The masked sum the ablation widget runs, in plain ml-matrix: the residual stream plus each
 * head's term C_h = head_h · W_O^h weighted by ξ_h. Because concat(ξ_1·head_1, …)·W_O =
 * Σ_h ξ_h · head_h · W_O^h, switching a head off is dropping one term of this sum. The
 * widget's MaskedEvaluator (in this file) computes the same sum on flat arrays; tests check the two agree.
 *
 * @param input (N, dModel) the residual stream entering the layer.
 * @param contributions one (N, dModel) term per head.
 * @param xi ξ_h per head: 1 on, 0 off (any weight works).
 * @throws RangeError when there is not one ξ per head or a term's shape differs from the input's.
 */
export function maskedSum(input: Matrix, contributions: readonly Matrix[], xi: readonly number[]): Matrix {
  if (contributions.length !== xi.length) throw new RangeError(`give one ξ per head: ${contributions.length} heads, ${xi.length} values of ξ`);
  const out = input.clone(); // (N, dModel)
  contributions.forEach((c, head) => {
    if (c.rows !== input.rows || c.columns !== input.columns) throw new RangeError(`head ${head}'s term is ${c.rows}×${c.columns}, the input ${input.rows}×${input.columns}: they must match`);
    if (xi[head] === 0) return; // a head switched off adds nothing
    out.add(Matrix.mul(c, xi[head])); // (N, dModel) += ξ_h · (N, dModel), in place
  });
  return out;
}
