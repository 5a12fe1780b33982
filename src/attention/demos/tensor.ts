/**
 * A minimal n-dimensional array for the batched form of multi-head attention, as
 * frameworks write it: (B, n, d_model) → (B, n, h, d_k) → (B, h, n, d_k) → … Each
 * operation checks and computes shapes; when the tensor carries no data ("shape only"),
 * it stops there, so the same code can trace the shapes of a model too big to run.
 */
import type { Matrix } from 'ml-matrix';
import { softmax } from '../softmax';
export class Tensor {
  /** Row-major values, or null for a shape-only tensor. */
  readonly data: Float64Array | null;
  readonly shape: readonly number[];

  constructor(shape: readonly number[], data: Float64Array | null = null) {
    for (const s of shape) {
      if (!Number.isInteger(s) || s < 1) throw new RangeError(`a tensor dimension must be a positive whole number, got ${s} in (${shape.join(', ')})`);
    }
    if (data && data.length !== sizeOf(shape)) throw new RangeError(`${data.length} values do not fill a (${shape.join(', ')}) tensor of ${sizeOf(shape)}`);
    this.shape = [...shape];
    this.data = data;
  }

  /** A tensor of the given shape with no values, for tracing shapes. */
  static shapeOnly(shape: readonly number[]): Tensor {
    return new Tensor(shape, null);
  }

  /** Number of elements. */
  get size(): number {
    return sizeOf(this.shape);
  }

  /** Value at a multi-index (data tensors only). */
  get(...index: number[]): number {
    if (!this.data) throw new Error('a shape-only tensor has no values');
    return this.data[offset(this.shape, index)];
  }

  /** Same values, new shape with the same number of elements. */
  reshape(shape: readonly number[]): Tensor {
    if (sizeOf(shape) !== this.size) {
      throw new RangeError(`cannot reshape (${this.shape.join(', ')}) into (${shape.join(', ')}): ${this.size} elements against ${sizeOf(shape)}`);
    }
    return new Tensor(shape, this.data);
  }

  /** Reorder the axes: new axis k is old axis perm[k]. */
  permute(perm: readonly number[]): Tensor {
    if (perm.length !== this.shape.length || [...perm].sort().some((p, i) => p !== i)) {
      throw new RangeError(`permute needs each of the ${this.shape.length} axes once, got [${perm.join(', ')}]`);
    }
    const shape = perm.map((p) => this.shape[p]);
    if (!this.data) return Tensor.shapeOnly(shape);
    const out = new Float64Array(this.size);
    const oldStrides = strides(this.shape);
    const index = new Array<number>(shape.length).fill(0);
    for (let k = 0; k < out.length; k++) {
      let src = 0;
      for (let a = 0; a < shape.length; a++) src += index[a] * oldStrides[perm[a]];
      out[k] = this.data[src];
      for (let a = shape.length - 1; a >= 0; a--) {
        if (++index[a] < shape[a]) break;
        index[a] = 0;
      }
    }
    return new Tensor(shape, out);
  }
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length).fill(1);
  for (let a = shape.length - 2; a >= 0; a--) s[a] = s[a + 1] * shape[a + 1];
  return s;
}

function offset(shape: readonly number[], index: readonly number[]): number {
  const s = strides(shape);
  return index.reduce((acc, i, a) => acc + i * s[a], 0);
}

/**
 * Batched matrix product over the last two axes: (…, m, k)·(…, k, p) → (…, m, p). The
 * second operand may also be a plain (k, p) matrix shared by every batch.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const [m, k] = a.shape.slice(-2);
  const [k2, p] = b.shape.slice(-2);
  const lead = a.shape.slice(0, -2);
  const shared = b.shape.length === 2;
  if (k !== k2) throw new RangeError(`cannot multiply (${a.shape.join(', ')}) by (${b.shape.join(', ')}): inner sizes ${k} and ${k2} differ`);
  if (!shared && b.shape.slice(0, -2).join() !== lead.join()) {
    throw new RangeError(`batch axes differ: (${a.shape.join(', ')}) and (${b.shape.join(', ')})`);
  }
  const shape = [...lead, m, p];
  if (!a.data || !b.data) return Tensor.shapeOnly(shape);
  const batches = sizeOf(lead);
  const out = new Float64Array(batches * m * p);
  for (let t = 0; t < batches; t++) {
    const ao = t * m * k;
    const bo = shared ? 0 : t * k * p;
    const oo = t * m * p;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < p; j++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += a.data[ao + i * k + c] * b.data[bo + c * p + j];
        out[oo + i * p + j] = sum;
      }
    }
  }
  return new Tensor(shape, out);
}

/** Swap the last two axes: (…, m, k) → (…, k, m). */
export function transposeLast(t: Tensor): Tensor {
  const perm = t.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return t.permute(perm);
}

/** Multiply every value by a number. */
export function scale(t: Tensor, factor: number): Tensor {
  return new Tensor(t.shape, t.data ? t.data.map((v) => v * factor) : null);
}

/** Softmax along the last axis: the course's one {@link softmax}, applied to each last-axis row. */
export function softmaxLast(t: Tensor): Tensor {
  if (!t.data) return Tensor.shapeOnly(t.shape);
  const width = t.shape[t.shape.length - 1];
  const out = new Float64Array(t.size);
  for (let r = 0; r < t.size; r += width) out.set(softmax(t.data.subarray(r, r + width)), r);
  return new Tensor(t.shape, out);
}

/**
 * Add a (B, m) additive key mask to (B, …, m) scores, the same row for every head and
 * every query of sequence b: the (B, 1, 1, m) broadcast frameworks do. A shape-only
 * tensor only has its shapes checked.
 *
 * @param mask (B, m) rows of 0 and −∞, one per sequence (see paddingMask).
 */
export function addKeyMask(t: Tensor, mask: Matrix): Tensor {
  const B = t.shape[0];
  const m = t.shape[t.shape.length - 1];
  if (mask.rows !== B || mask.columns !== m) {
    throw new RangeError(`a key mask for (${t.shape.join(', ')}) scores must be (${B}, ${m}): one row per sequence, one column per key; got (${mask.rows}, ${mask.columns})`);
  }
  if (!t.data) return Tensor.shapeOnly(t.shape);
  const perSequence = t.size / B;
  const out = new Float64Array(t.size);
  for (let r = 0; r < t.size; r++) {
    const b = Math.floor(r / perSequence);
    out[r] = t.data[r] + mask.get(b, r % m); // (B, …, m) + (B, 1, …, 1, m)
  }
  return new Tensor(t.shape, out);
}
