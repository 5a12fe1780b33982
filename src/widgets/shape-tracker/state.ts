/** State of lesson 3's shape tracker: batch, length, width and heads, and its fields. */
import { t } from '../../i18n/strings';
import { defineFields, fieldKit, type CrossCheck, type FieldName } from '../common/fields';
import { headsProblem } from '../common/heads';
import { parseWholeNumber, type Checked } from '../common/validate';

export interface ShapeState {
  B: number;
  n: number;
  dModel: number;
  h: number;
}

export const LIMITS = { maxB: 1024, maxN: 131_072, maxDModel: 16_384 } as const;
export const DEFAULT_STATE: Readonly<ShapeState> = Object.freeze({ B: 32, n: 512, dModel: 768, h: 12 });

const whole = (name: string, max: number) => (text: string): Checked<number> =>
  parseWholeNumber(text.replace(/(\d)[,_\s](?=\d{3}\b)/g, '$1'), { name, min: 1, max });

export const checkB = whole('batch size', LIMITS.maxB);
export const checkN = whole('length', LIMITS.maxN);
export const checkDModel = whole('d_model', LIMITS.maxDModel);
export const checkH = whole('number of heads', LIMITS.maxDModel);

const f = fieldKit<ShapeState>();
const range = (max: number) => `(1–${max.toLocaleString('en')})`;

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('shape-tracker', DEFAULT_STATE, [
  { name: 'b', kind: 'number', label: t.shapes.batch, hint: range(LIMITS.maxB), ...f.bind('B', checkB) },
  { name: 'n', kind: 'number', label: t.shapes.length, hint: range(LIMITS.maxN), ...f.bind('n', checkN) },
  { name: 'dmodel', kind: 'number', label: t.shapes.dModel, hint: range(LIMITS.maxDModel), ...f.bind('dModel', checkDModel) },
  { name: 'h', kind: 'number', label: t.shapes.heads, hint: '(must divide d_model)', ...f.bind('h', checkH) },
]);

/** A field name of this widget. */
export type ShapeField = FieldName<typeof FIELDS>;

/** h must divide d_model (the course's convention d_k = d_model/h): the message names the nearest h. */
export const cross: CrossCheck<ShapeState, ShapeField> = (s) => {
  const error = headsProblem(s.dModel, s.h, { dModels: { min: 1, max: LIMITS.maxDModel } });
  return error ? { field: 'h', error } : null;
};
