/**
 * Rotary position embedding, RoPE (Su et al., RoFormer, 2021): instead of adding a position
 * vector to the input, rotate each head's queries and keys by an angle that grows with the
 * position. Then the score between a query at position m and a key at position n depends on
 * the two positions only through the offset m − n (RoFormer Eq. 16). Values are not rotated.
 */
import { Matrix } from 'ml-matrix';

/** Options for {@link applyRope}. */
export interface RopeOptions {
  /** Position of each row. Default: offset, offset + 1, …, one per row. */
  positions?: readonly number[];
  /** Position of the first row when `positions` is not given. Default 0. */
  offset?: number;
  /** The base of the frequencies θ_i = base^(−2i/d). Default 10000 (RoFormer). */
  base?: number;
}

/**
 * The d/2 rotation frequencies θ_i = base^(−2i/d), i = 0 … d/2 − 1 (RoFormer §3.2.2, counted
 * from 0): pair 0 turns by 1 radian per position, the last pair very slowly.
 *
 * @throws RangeError when d is not a positive even number or base is not > 0.
 */
export function ropeFrequencies(d: number, base = 10000): number[] {
  if (!Number.isInteger(d) || d < 2 || d % 2 !== 0) {
    throw new RangeError(
      `RoPE needs an even head width d_k ≥ 2, got ${d}: it rotates the dimensions in pairs (0, 1), (2, 3), …, ` +
        'so an odd last dimension would have no partner. Use an even d_k.',
    );
  }
  if (!(base > 0) || !Number.isFinite(base)) throw new RangeError(`RoPE's base must be a positive number (RoFormer uses 10000), got ${base}`);
  return Array.from({ length: d / 2 }, (_, i) => Math.pow(base, (-2 * i) / d));
}

/**
 * Rotate each row of x (row = one position) by RoPE: the pair of dimensions (2i, 2i+1) of the
 * row at position p turns by the angle p·θ_i, θ_i = base^(−2i/d):
 *
 *   x'_{2i}   = x_{2i}·cos(p·θ_i) − x_{2i+1}·sin(p·θ_i)
 *   x'_{2i+1} = x_{2i}·sin(p·θ_i) + x_{2i+1}·cos(p·θ_i)
 *
 * This is R^d_{Θ,p}·x of RoFormer (Eq. 15: block-diagonal, one 2×2 rotation per pair), done
 * pair by pair instead of as a d×d matrix. Apply it per head to Q and K (d = d_k), never to V:
 * then (R_m q)·(R_n k) = q·R_{n−m} k depends only on m − n (RoFormer Eq. 16).
 *
 * Pairing adjacent dimensions (2i, 2i+1) is RoFormer's convention. Some implementations
 * (GPT-NeoX, Hugging Face's Llama) pair dimension i with i + d/2 instead ("rotate half"):
 * the same idea in a different layout, so their checkpoints are not interchangeable with this
 * layout without permuting the columns of W_Q and W_K.
 *
 * @param x (n, d) rows to rotate (one head's queries or keys); not modified.
 * @param options positions (or offset), base.
 * @returns a new (n, d) matrix; the row at position 0 is unchanged, and every row keeps its length.
 * @throws RangeError when d is odd, or positions has a length other than n.
 */
export function applyRope(x: Matrix, options: RopeOptions = {}): Matrix {
  const { offset = 0, base = 10000 } = options;
  const theta = ropeFrequencies(x.columns, base); // d/2 frequencies
  const positions = options.positions ?? Array.from({ length: x.rows }, (_, r) => offset + r);
  if (positions.length !== x.rows) {
    throw new RangeError(`positions has ${positions.length} entries but x has ${x.rows} rows: give one position per row`);
  }
  if (!positions.every(Number.isFinite)) throw new RangeError(`every position must be a finite number, got [${positions.join(', ')}]`);
  const out = new Matrix(x.rows, x.columns); // (n, d)
  for (let r = 0; r < x.rows; r++) {
    for (let i = 0; i < theta.length; i++) {
      const angle = positions[r] * theta[i];
      const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
      const [a, b] = [x.get(r, 2 * i), x.get(r, 2 * i + 1)];
      out.set(r, 2 * i, a * cos - b * sin);
      out.set(r, 2 * i + 1, a * sin + b * cos);
    }
  }
  return out;
}
