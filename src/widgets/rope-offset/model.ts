/**
 * The example <rope-offset> runs: one seeded query q and key k of width d_k, rotated by the
 * course's applyRope at many positions, and their dot product against the offset m − n,
 * once around position `span` and once with both positions shifted by the same amount.
 * Pure: no DOM.
 */
import { Matrix } from 'ml-matrix';
import { applyRope, mulberry32, randomMatrix } from '../../attention';

/** What the widget draws for one state. */
export interface RopeOffsetModel {
  /** Offsets m − n, from −span to span. */
  offsets: number[];
  /** (R_m q)·(R_n k) with the key at position span and the query at span + offset. */
  reference: number[];
  /** The same with both positions shifted by `shift`. */
  shifted: number[];
  /** q·k without any rotation (what every offset would give without RoPE). */
  plain: number;
  /** Largest |reference − shifted| over the offsets: rounding only. */
  maxDifference: number;
  /** ‖q‖ and ‖R_m q‖ at the largest position used: a rotation keeps lengths. */
  norms: { q: number; rotated: number };
}

/**
 * (R_m q)·(R_n k) for every offset m − n in [−span, span], with the key at position
 * n = start + span and the query at m = n + offset (so every position is ≥ start ≥ 0).
 */
function scoresFrom(q: Matrix, k: Matrix, start: number, span: number, base: number): number[] {
  const n = 2 * span + 1;
  const keyPosition = start + span;
  const queries = new Matrix(Array.from({ length: n }, () => q.getRow(0))); // (2·span + 1, dK): q at every query position
  const qRotated = applyRope(queries, { positions: Array.from({ length: n }, (_, r) => keyPosition + (r - span)), base });
  const kRotated = applyRope(k, { positions: [keyPosition], base }); // (1, dK)
  return qRotated.mmul(kRotated.transpose()).getColumn(0); // (n, dK)·(dK, 1) → (n, 1)
}

/** Run the example: seeded q and k (d_k each), scores against the offset, unshifted and shifted. */
export function ropeOffsetModel({ dK, base, shift, span, seed }: { dK: number; base: number; shift: number; span: number; seed: number }): RopeOffsetModel {
  const rng = mulberry32(seed);
  const q = randomMatrix(1, dK, rng);
  const k = randomMatrix(1, dK, rng);
  const reference = scoresFrom(q, k, 0, span, base);
  const shifted = scoresFrom(q, k, shift, span, base);
  const plain = q.mmul(k.transpose()).get(0, 0); // (1, dK)·(dK, 1) → (1, 1)
  const far = applyRope(q, { positions: [shift + 2 * span], base });
  return {
    offsets: Array.from({ length: 2 * span + 1 }, (_, r) => r - span),
    reference, shifted, plain,
    maxDifference: Math.max(...reference.map((r, i) => Math.abs(r - shifted[i]))),
    norms: { q: q.norm(), rotated: far.norm() },
  };
}
