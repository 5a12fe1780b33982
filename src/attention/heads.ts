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
