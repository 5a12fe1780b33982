/**
 * State of the merging widget (lesson 5): which merge to show, how head 2's signal
 * relates to head 1's, the layer's size and the seed. Plain, serialisable, validated
 * here; no DOM.
 */
import { MERGE_KINDS, nearestDivisors, type MergeKind } from '../../attention';
import { textField, type CrossCheck, type Field } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface MergeHeadsState {
  /** The merge drawn next to its silenced twin. */
  merge: MergeKind;
  /** Head 2 = r × head 1 (−1: the opposite signal). */
  r: number;
  /** Number of heads, 2 to 8; divides dModel. */
  h: number;
  /** Width of the layer. */
  dModel: number;
  /** Seed of the embeddings, the attention weights and the merges' parameters. */
  seed: number;
}

/** Bounds the widget promises to redraw within one frame. */
export const LIMITS = { minR: -4, maxR: 4, rStep: 0.25, minH: 2, maxH: 8, minDModel: 4, maxDModel: 32, maxSeed: 999_999 } as const;

export const DEFAULT_STATE: Readonly<MergeHeadsState> = Object.freeze({ merge: 'average', r: -1, h: 4, dModel: 16, seed: 3 });

/** The largest state the widget allows: for benchmarks and tests. */
export const LARGEST_STATE: Readonly<MergeHeadsState> = Object.freeze({ merge: 'gated', r: -1, h: 8, dModel: 32, seed: 3 });

const minus = (v: number) => (v < 0 ? `−${-v}` : String(v));

/** Check a merge name: one of concat, average, weighted, gated. */
export function checkMerge(text: string): Checked<MergeKind> {
  const value = text.trim() as MergeKind;
  if (!MERGE_KINDS.includes(value)) return { ok: false, error: `“${clip(text)}” is not a merge: use one of ${MERGE_KINDS.join(', ')}.` };
  return { ok: true, value };
}

/** Check r, head 2's signal relative to head 1: a decimal from −4 to 4 (“−” or “-” for minus). */
export function checkR(text: string): Checked<number> {
  const s = text.trim().replace(/^\u2212/, '-');
  const span = `${minus(LIMITS.minR)} to ${LIMITS.maxR}`;
  const range = `from ${span}`;
  if (s === '') return { ok: false, error: `Type r, head 2’s signal relative to head 1: a number ${range}, such as −1 (opposite) or 1 (the same).` };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(s)) return { ok: false, error: `“${clip(text.trim())}” is not a number. Type r as a decimal ${range}, such as −1 or 0.5.` };
  const value = Number(s);
  if (value < LIMITS.minR || value > LIMITS.maxR) {
    return { ok: false, error: `r = ${clip(text.trim())} is out of range: use ${span}. Beyond that, head 2 simply drowns head 1 out.` };
  }
  return { ok: true, value: value === 0 ? 0 : value }; // no −0
}

/** Divisors of dModel within the widget's range of h. */
export function validHeads(dModel: number): number[] {
  const out: number[] = [];
  for (let h = LIMITS.minH; h <= LIMITS.maxH; h++) if (dModel % h === 0) out.push(h);
  return out;
}

/** Check a number of heads against d_model: 2 to 8, and h | d_model (the message names the nearest valid h). */
export function checkH(text: string, dModel: number): Checked<number> {
  const s = text.trim();
  if (s === '') return { ok: false, error: `Type h, the number of heads: a whole number from ${LIMITS.minH} to ${LIMITS.maxH}.` };
  if (!/^[-+]?\d+$/.test(s)) return { ok: false, error: `“${clip(s)}” is not a whole number. Type h from ${LIMITS.minH} to ${LIMITS.maxH}, such as 4.` };
  const h = Number(s);
  if (h < LIMITS.minH) return { ok: false, error: `h = ${clip(s)} is too few: this widget needs at least ${LIMITS.minH} heads (head 2 is compared with head 1).` };
  if (h > LIMITS.maxH) return { ok: false, error: `h = ${clip(s)} is beyond this widget’s bounds: use at most ${LIMITS.maxH} heads.` };
  if (dModel % h !== 0) return { ok: false, error: divisibilityError(dModel, h) };
  return { ok: true, value: h };
}

/** Check a width: a whole number from 4 to 32 (divisibility by h is the cross-check). */
export function checkDModel(text: string): Checked<number> {
  const r = parseWholeNumber(text, { name: 'd_model', min: LIMITS.minDModel, max: LIMITS.maxDModel });
  if (!r.ok && /out of range/.test(r.error)) {
    return { ok: false, error: `d_model = ${clip(text.trim())} is beyond this widget’s bounds: use ${LIMITS.minDModel} to ${LIMITS.maxDModel}.` };
  }
  return r;
}

/** Check a typed seed: a whole number from 0 to 999999. */
export function checkSeed(text: string): Checked<number> {
  return parseWholeNumber(text, { name: 'seed', min: 0, max: LIMITS.maxSeed });
}

/** Multiples of h within the widget's range of d_model, nearest to dModel first (at most two). */
function nearestMultiples(h: number, dModel: number): number[] {
  const below = Math.floor(dModel / h) * h;
  return [below, below + h].filter((d) => d >= LIMITS.minDModel && d <= LIMITS.maxDModel && d !== dModel);
}

/**
 * What to say when h does not divide d_model: the nearest valid h (from nearestDivisors,
 * within the widget's range), and the nearest d_model that would keep this h.
 */
export function divisibilityError(dModel: number, h: number): string {
  const near = nearestDivisors(dModel, h).filter((d) => d >= LIMITS.minH && d <= LIMITS.maxH);
  const heads = near.length > 0 ? near : validHeads(dModel);
  const widths = nearestMultiples(h, dModel);
  const fixH = heads.length > 0 ? `nearest valid h: ${heads.join(' or ')}` : `no h from ${LIMITS.minH} to ${LIMITS.maxH} divides ${dModel}`;
  return `d_model (${dModel}) is not divisible by h (${h}), so the heads cannot share it equally; ${fixH}${widths.length > 0 ? ` (or keep h and use d_model ${widths.join(' or ')})` : ''}.`;
}

/**
 * h must divide d_model. The h box is checked against the d_model box as both are read
 * (d_model comes first in FIELDS), so this catches states set from code or links.
 */
export const crossCheck: CrossCheck<MergeHeadsState> = (s) => (s.dModel % s.h === 0 ? null : { field: 'h', error: divisibilityError(s.dModel, s.h) });

/** The field of h: checked against the d_model of the state it joins. */
const hField: Field<MergeHeadsState> = {
  name: 'h', kind: 'text',
  format: (s) => String(s.h),
  parse: (text, state) => {
    const r = checkH(text, state.dModel);
    return r.ok ? { ok: true, value: { ...state, h: r.value } } : r;
  },
};

/** The widget's controls, in order; they also define its URL parameters (d_model before h). */
export const FIELDS: readonly Field<MergeHeadsState>[] = [
  textField('merge', 'merge', checkMerge),
  textField('r', 'r', checkR),
  textField('dModel', 'dmodel', checkDModel),
  hField,
  textField('seed', 'seed', checkSeed),
];

/** The value ↑/↓ gives in a box, or null to leave the key alone. */
export function stepValue(name: string, text: string, up: boolean, state: MergeHeadsState): string | null {
  if (name === 'r') {
    const r = checkR(text);
    const from = r.ok ? r.value : state.r;
    const next = Math.round((from + (up ? LIMITS.rStep : -LIMITS.rStep)) / LIMITS.rStep) * LIMITS.rStep;
    return String(Math.min(LIMITS.maxR, Math.max(LIMITS.minR, next)));
  }
  if (name === 'h') {
    const heads = validHeads(state.dModel);
    const next = up ? heads.find((x) => x > state.h) : [...heads].reverse().find((x) => x < state.h);
    return String(next ?? state.h);
  }
  return null;
}
