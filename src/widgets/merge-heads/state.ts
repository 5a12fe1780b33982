/**
 * State of the merging widget (lesson 5): which merge to show, how head 2's signal
 * relates to head 1's, the layer's size and the seed, and the fields that show and check
 * it. Plain, serialisable, validated here; no DOM.
 */
import { MERGE_KINDS, type MergeKind } from '../../attention';
import { t } from '../../i18n/strings';
import { defineFields, fieldKit, type CrossCheck, type FieldName } from '../common/fields';
import { headsProblem, type HeadsRange } from '../common/heads';
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
  const problem = headsProblem(dModel, h, HEADS_RANGE);
  if (problem) return { ok: false, error: problem };
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

/** What the widget allows around the heads rule, so its suggestions stay within the widget. */
const HEADS_RANGE: HeadsRange = { minH: LIMITS.minH, maxH: LIMITS.maxH, dModels: { min: LIMITS.minDModel, max: LIMITS.maxDModel } };

const f = fieldKit<MergeHeadsState>();

/**
 * The widget's fields, in display order: its controls and its URL parameters. The h box
 * is checked against d_model as both are read (`after`), and the cross-check catches
 * states set from code.
 */
export const FIELDS = defineFields('merge-heads', DEFAULT_STATE, [
  {
    name: 'merge', kind: 'select', label: t.merging.merge,
    options: MERGE_KINDS.map((kind) => ({ value: kind, label: t.merging.mergeNames[kind] })),
    ...f.bind('merge', checkMerge),
  },
  { name: 'r', kind: 'text', label: t.merging.ratio, hint: t.merging.ratioHint(LIMITS.minR, LIMITS.maxR), step: stepR, ...f.bind('r', checkR) },
  {
    name: 'h', kind: 'number', label: t.merging.heads, hint: t.merging.headsHint(LIMITS.minH, LIMITS.maxH), after: ['dmodel'], step: stepH,
    ...f.bind('h', (text, state) => checkH(text, state.dModel)),
  },
  { name: 'dmodel', kind: 'number', label: t.merging.dModel, hint: t.merging.dModelHint(LIMITS.minDModel, LIMITS.maxDModel), ...f.bind('dModel', checkDModel) },
  {
    name: 'seed', kind: 'number', label: t.merging.seed, hint: t.merging.seedHint(LIMITS.maxSeed),
    action: { name: 'reseed', label: t.newSeed, run: (s) => ({ ...s, seed: Math.floor(Math.random() * 1000) }) },
    ...f.bind('seed', checkSeed),
  },
]);

/** A field name of this widget. */
export type MergeHeadsField = FieldName<typeof FIELDS>;

/** h must divide d_model (the course's convention d_k = d_model/h), for states set from code or links. */
export const crossCheck: CrossCheck<MergeHeadsState, MergeHeadsField> = (s) => {
  const error = headsProblem(s.dModel, s.h, HEADS_RANGE);
  return error ? { field: 'h', error } : null;
};

/** ↑/↓ in the r box: steps of 0.25 within −4 … 4 (from the last good r if the box is not a number). */
function stepR(text: string, up: boolean, state: MergeHeadsState): string {
  const r = checkR(text);
  const from = r.ok ? r.value : state.r;
  const next = Math.round((from + (up ? LIMITS.rStep : -LIMITS.rStep)) / LIMITS.rStep) * LIMITS.rStep;
  return String(Math.min(LIMITS.maxR, Math.max(LIMITS.minR, next)));
}

/** ↑/↓ in the h box: the next h that divides d_model, within 2 … 8. */
function stepH(_text: string, up: boolean, state: MergeHeadsState): string {
  const heads = validHeads(state.dModel);
  const next = up ? heads.find((x) => x > state.h) : [...heads].reverse().find((x) => x < state.h);
  return String(next ?? state.h);
}

/** The value ↑/↓ gives in the box of field `name`, or null when that field does not step. */
export function stepValue(name: MergeHeadsField, text: string, up: boolean, state: MergeHeadsState): string | null {
  const field = FIELDS.get(name);
  return (field.kind === 'text' || field.kind === 'number') && field.step ? field.step(text, up, state) : null;
}
