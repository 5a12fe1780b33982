/**
 * The heads-and-width check every widget shares, in one wording. The course splits
 * d_model into h heads of width d_k = d_model/h. That is the course's convention (the
 * original Transformer's), not a law: some models choose d_k freely. Under it, h must be
 * a whole number ≥ 1 that divides d_model, and the message names the nearest h that does
 * (from `nearestDivisors`, src/attention), with each one's d_k. Pure: no DOM.
 */
import { nearestDivisors } from '../../attention';

/** What a widget allows around the rule, so the suggestions stay within it. */
export interface HeadsRange {
  /** Fewest heads the widget takes (default 1). */
  minH?: number;
  /** Most heads the widget takes (default: d_model). */
  maxH?: number;
  /**
   * The widths the reader can choose, as a range or a list. Given, the message also
   * suggests keeping h and changing d_model to the nearest multiples of h allowed.
   */
  dModels?: { min: number; max: number } | readonly number[];
}

/** The sentence that says why: the course's convention, not a law. */
export const HEADS_CONVENTION = 'the course uses d_k = d_model/h, so h must divide d_model';

/** Divisors of dModel from minH to maxH, ascending. */
function divisorsWithin(dModel: number, minH: number, maxH: number): number[] {
  const out: number[] = [];
  for (let h = Math.max(1, minH); h <= Math.min(dModel, maxH); h++) if (dModel % h === 0) out.push(h);
  return out;
}

/** The allowed widths nearest to dModel (one below, one above) that h divides. */
function widthsKeeping(h: number, dModel: number, allowed: NonNullable<HeadsRange['dModels']>): number[] {
  if (Array.isArray(allowed)) {
    const fit = (allowed as readonly number[]).filter((d) => d % h === 0 && d !== dModel);
    const below = fit.filter((d) => d < dModel).sort((a, b) => b - a)[0];
    const above = fit.filter((d) => d > dModel).sort((a, b) => a - b)[0];
    return [below, above].filter((d): d is number => d !== undefined);
  }
  const { min, max } = allowed as { min: number; max: number };
  const below = Math.floor(dModel / h) * h;
  return [below, below + h].filter((d) => d >= Math.max(1, min) && d <= max && d !== dModel);
}

/**
 * Why h heads cannot split a width of dModel under the course's convention, or null when
 * they can. For example, `headsProblem(512, 6)`:
 * "d_model (512) is not divisible by h (6): the course uses d_k = d_model/h, so h must
 * divide d_model. Nearest valid h: 4 (d_k = 128) or 8 (d_k = 64)."
 * Suggestions stay within `range`; with `range.dModels`, the message also names the
 * nearest widths that would keep h.
 */
export function headsProblem(dModel: number, h: number, range: HeadsRange = {}): string | null {
  if (!Number.isInteger(h) || h < 1) return `h must be a whole number ≥ 1 (the number of heads), not ${h}.`;
  if (dModel % h === 0) return null;
  const minH = range.minH ?? 1;
  const maxH = range.maxH ?? dModel;
  const inRange = (d: number) => d >= minH && d <= maxH;
  let near = nearestDivisors(dModel, h).filter(inRange);
  if (near.length === 0) near = divisorsWithin(dModel, minH, maxH);
  const heads = near.length > 0
    ? `Nearest valid h: ${near.map((d) => `${d} (d_k = ${dModel / d})`).join(' or ')}`
    : `No h from ${minH} to ${maxH} divides ${dModel}`;
  const widths = range.dModels ? widthsKeeping(h, dModel, range.dModels) : [];
  const keep = widths.length > 0 ? `; or keep h = ${h} with d_model ${widths.join(' or ')}` : '';
  const why = h > dModel
    ? `h (${h}) is more heads than d_model (${dModel}) has dimensions: ${HEADS_CONVENTION}`
    : `d_model (${dModel}) is not divisible by h (${h}): ${HEADS_CONVENTION}`;
  return `${why}. ${heads}${keep}.`;
}
