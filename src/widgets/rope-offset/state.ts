/**
 * State of <rope-offset> (lesson 9): the head width, RoPE's base, the shift applied to both
 * positions, the range of offsets drawn and the seed of q and k. Plain, serialisable,
 * validated here; no DOM.
 */
import { t } from '../../i18n/strings';
import { h } from '../common/dom';
import { defineFields, fieldKit, optionsOf, type FieldName } from '../common/fields';
import { clip, parseDecimal, parseWholeNumber, type Checked } from '../common/validate';

const s = t.generating.rope;

export interface RopeOffsetState {
  /** Width of q and k (one head's d_k): even, as RoPE turns pairs of dimensions. */
  dK: number;
  /** θ_i = base^(−2i/d_k). */
  base: number;
  /** Both positions moved by this much for the second series. */
  shift: number;
  /** Offsets from −span to span are drawn. */
  span: number;
  /** Seed of q and k. */
  seed: number;
}

/** Bounds the widget promises to redraw within one frame. */
export const LIMITS = { dKs: [2, 4, 8, 16, 32, 64], spans: [8, 16, 32, 64, 128], minBase: 2, maxBase: 1_000_000, maxShift: 100_000, shiftStep: 100, maxSeed: 999_999 } as const;

/** d_k = 8 (four pairs) and RoFormer's base, shifted by 1000 positions. */
export const DEFAULT_STATE: Readonly<RopeOffsetState> = Object.freeze({ dK: 8, base: 10000, shift: 1000, span: 32, seed: 4 });

/** The largest state the widget allows: for benchmarks and tests. */
export const LARGEST_STATE: Readonly<RopeOffsetState> = Object.freeze({ dK: 64, base: 10000, shift: 100_000, span: 128, seed: 4 });

/** Check a head width: one of 2, 4, …, 64; an odd width is refused with the reason. */
export function checkDK(text: string): Checked<number> {
  const value = Number(text.trim());
  if (Number.isInteger(value) && value % 2 === 1) {
    return { ok: false, error: `d_k = ${value} is odd: RoPE turns dimensions in pairs (0, 1), (2, 3), …, so d_k must be even.` };
  }
  if (!(LIMITS.dKs as readonly number[]).includes(value)) return { ok: false, error: `d_k must be one of ${LIMITS.dKs.join(', ')}; got “${clip(text)}”.` };
  return { ok: true, value };
}

/** Check RoPE's base: a number from 2 to 1,000,000 (“10000”, “1e4”, “10,000”). */
export function checkBase(text: string): Checked<number> {
  const r = parseDecimal(text.replace(/[,_\s]/g, ''), { name: 'base', min: LIMITS.minBase, max: LIMITS.maxBase });
  if (!r.ok && /out of range/.test(r.error)) {
    return { ok: false, error: `A base of ${clip(text.trim())} is outside this widget's range 2 to 1,000,000 (RoFormer uses 10,000; a base ≤ 1 would not slow the later pairs down).` };
  }
  return r;
}

/** Check the shift: a whole number from 0 to 100,000. */
export function checkShift(text: string): Checked<number> {
  return parseWholeNumber(text.replace(/[,_]/g, ''), { name: 'shift', min: 0, max: LIMITS.maxShift });
}

/** Check the span: one of 8, 16, 32, 64, 128. */
export function checkSpan(text: string): Checked<number> {
  const value = Number(text.trim());
  if (!(LIMITS.spans as readonly number[]).includes(value)) return { ok: false, error: `Offsets shown must be one of ±${LIMITS.spans.join(', ±')}; got “${clip(text)}”.` };
  return { ok: true, value };
}

/** Check a typed seed: a whole number from 0 to 999999. */
export const checkSeed = (text: string) => parseWholeNumber(text, { name: 'seed', min: 0, max: LIMITS.maxSeed });

/** ↑/↓ in the shift box: steps of 100 within 0 … 100,000. */
function stepShift(text: string, up: boolean, state: RopeOffsetState): string {
  const r = checkShift(text);
  const from = r.ok ? r.value : state.shift;
  const next = Math.round((from + (up ? LIMITS.shiftStep : -LIMITS.shiftStep)) / LIMITS.shiftStep) * LIMITS.shiftStep;
  return String(Math.min(LIMITS.maxShift, Math.max(0, next)));
}

const f = fieldKit<RopeOffsetState>();

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('rope-offset', DEFAULT_STATE, [
  { name: 'dk', kind: 'select', label: (doc) => h(doc, 'span', {}, 'Head width d', h(doc, 'sub', {}, 'k')), options: optionsOf(LIMITS.dKs), ...f.bind('dK', checkDK) },
  { name: 'base', kind: 'text', label: s.base, hint: s.baseHint, ...f.bind('base', checkBase) },
  { name: 'shift', kind: 'number', label: s.shift, hint: s.shiftHint(LIMITS.maxShift), step: stepShift, ...f.bind('shift', checkShift) },
  { name: 'span', kind: 'select', label: s.span, options: LIMITS.spans.map((v) => ({ value: String(v), label: `−${v} to ${v}` })), ...f.bind('span', checkSpan) },
  {
    name: 'seed', kind: 'number', label: s.seed, hint: s.seedHint(LIMITS.maxSeed),
    action: { name: 'reseed', label: t.newSeed, run: (st) => ({ ...st, seed: Math.floor(Math.random() * 1000) }) },
    ...f.bind('seed', checkSeed),
  },
]);

/** A field name of this widget. */
export type RopeOffsetField = FieldName<typeof FIELDS>;
