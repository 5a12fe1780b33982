/** State of lesson 2's "one projection or h" widget: d_model, h and a seed, and its fields. */
import { t } from '../../i18n/strings';
import { defineFields, fieldKit, optionsOf, type CrossCheck, type FieldName } from '../common/fields';
import { headsProblem } from '../common/heads';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface SplitCheckState {
  dModel: number;
  h: number;
  seed: number;
}

export const LIMITS = { dModels: [4, 8, 12, 16, 24], maxSeed: 999_999 } as const;
export const DEFAULT_STATE: Readonly<SplitCheckState> = Object.freeze({ dModel: 12, h: 3, seed: 5 });
export const LARGEST_STATE: Readonly<SplitCheckState> = Object.freeze({ dModel: 24, h: 24, seed: 5 });

/** Check a picked d_model: one of the widths the select offers. */
export function checkDModel(text: string): Checked<number> {
  const v = Number(text.trim());
  return (LIMITS.dModels as readonly number[]).includes(v) ? { ok: true, value: v } : { ok: false, error: `d_model must be one of ${LIMITS.dModels.join(', ')}; got “${clip(text)}”.` };
}

/** Check a typed h: a whole number from 1 to the largest d_model (that it divides d_model is the cross-check). */
export function checkH(text: string): Checked<number> {
  return parseWholeNumber(text, { name: 'number of heads', min: 1, max: Math.max(...LIMITS.dModels) });
}

const f = fieldKit<SplitCheckState>();

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('split-check', DEFAULT_STATE, [
  { name: 'dmodel', kind: 'select', label: t.heads.dModel, options: optionsOf(LIMITS.dModels), ...f.bind('dModel', checkDModel) },
  { name: 'h', kind: 'number', label: t.heads.h, hint: t.heads.hHint, ...f.bind('h', checkH) },
  { name: 'seed', kind: 'number', label: t.heads.seed, hint: `(0–${LIMITS.maxSeed.toLocaleString('en')})`, ...f.bind('seed', (s) => parseWholeNumber(s, { name: 'seed', min: 0, max: LIMITS.maxSeed })) },
]);

/** A field name of this widget. */
export type SplitCheckField = FieldName<typeof FIELDS>;

/** h must divide d_model (the course's convention d_k = d_model/h): the message names the nearest h that would. */
export const cross: CrossCheck<SplitCheckState, SplitCheckField> = (s) => {
  const error = headsProblem(s.dModel, s.h, { dModels: LIMITS.dModels });
  return error ? { field: 'h', error } : null;
};
