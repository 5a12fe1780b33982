import { Matrix } from 'ml-matrix';

/**
 * Width of one head under the course's convention d_k = d_model / h. The convention is a
 * choice, not a law: the projections only need W_Q ∈ ℝ^{d_model × h·d_k}, and some real
 * models pick h·d_k ≠ d_model.
 *
 * @throws RangeError when h is not a positive whole number or does not divide dModel,
 *   naming both numbers and the nearest valid h.
 */
export function headDim(dModel: number, h: number): number {
  if (!Number.isInteger(dModel) || dModel < 1) {
    throw new RangeError(`dModel must be a positive whole number, got ${dModel}`);
  }
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`h must be a positive whole number, got ${h}`);
  if (dModel % h !== 0) {
    throw new RangeError(
      `dModel (${dModel}) must be divisible by h (${h}); valid h near ${h}: ${nearestDivisors(dModel, h).join(' or ')} ` +
        '(this is the course\'s convention d_k = d_model / h; real models may choose d_k on its own)',
    );
  }
  return dModel / h;
}

/**
 * The divisors of dModel closest to h from below and from above (one value when h
 * is beyond the largest), for error messages that say what would work.
 */
export function nearestDivisors(dModel: number, h: number): number[] {
  const divisors: number[] = [];
  for (let d = 1; d <= dModel; d++) if (dModel % d === 0) divisors.push(d);
  const below = divisors.filter((d) => d < h).pop();
  const above = divisors.find((d) => d > h);
  return [below, above].filter((d): d is number => d !== undefined);
}

/**
 * Split a (n, d_model) matrix into h heads: head i takes columns [i·d_k, (i+1)·d_k).
 *
 * @returns h new (n, d_k) matrices.
 */
export function splitHeads(m: Matrix, h: number): Matrix[] {
  const dK = headDim(m.columns, h);
  return Array.from({ length: h }, (_, i) => m.subMatrix(0, m.rows - 1, i * dK, (i + 1) * dK - 1)); // (n, dK)
}

/**
 * Concatenate head outputs side by side, in head order: h × (n, d_k) → (n, h·d_k).
 */
export function mergeHeads(heads: readonly Matrix[]): Matrix {
  if (heads.length === 0) throw new RangeError('mergeHeads needs at least one head');
  const n = heads[0].rows;
  const dK = heads[0].columns;
  const out = Matrix.zeros(n, dK * heads.length); // (n, h·dK)
  heads.forEach((head, i) => {
    if (head.rows !== n || head.columns !== dK) {
      throw new RangeError(`head ${i} is ${head.rows}×${head.columns}; every head must be ${n}×${dK}`);
    }
    out.setSubMatrix(head, 0, i * dK);
  });
  return out;
}
