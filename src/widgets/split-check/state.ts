/** State of lesson 2's "one projection or h" widget: d_model, h and a seed. */
import { headDim, nearestDivisors } from '../../attention';
import { textField, type CrossCheck, type Field } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';

export interface SplitCheckState {
  dModel: number;
  h: number;
  seed: number;
}

export const LIMITS = { dModels: [4, 8, 12, 16, 24], maxSeed: 999_999 } as const;
export const DEFAULT_STATE: Readonly<SplitCheckState> = Object.freeze({ dModel: 12, h: 3, seed: 5 });
export const LARGEST_STATE: Readonly<SplitCheckState> = Object.freeze({ dModel: 24, h: 24, seed: 5 });

export function checkDModel(text: string): Checked<number> {
  const v = Number(text.trim());
  return (LIMITS.dModels as readonly number[]).includes(v) ? { ok: true, value: v } : { ok: false, error: `d_model must be one of ${LIMITS.dModels.join(', ')}; got “${clip(text)}”.` };
}

export function checkH(text: string): Checked<number> {
  return parseWholeNumber(text, { name: 'number of heads', min: 1, max: Math.max(...LIMITS.dModels) });
}

/** h must divide d_model: the message names the nearest h that would. */
export const cross: CrossCheck<SplitCheckState> = (s) => {
  try {
    headDim(s.dModel, s.h);
    return null;
  } catch {
    return { field: 'h', error: `d_model (${s.dModel}) is not divisible by h (${s.h}). Try h = ${nearestDivisors(s.dModel, s.h).join(' or ')}.` };
  }
};

export const FIELDS: readonly Field<SplitCheckState>[] = [
  textField('dModel', 'dmodel', checkDModel),
  textField('h', 'h', checkH),
  textField('seed', 'seed', (t) => parseWholeNumber(t, { name: 'seed', min: 0, max: LIMITS.maxSeed })),
];
