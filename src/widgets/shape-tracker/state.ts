/** State of lesson 3's shape tracker: batch, length, width and heads. */
import { headDim, nearestDivisors } from '../../attention';
import { textField, type CrossCheck, type Field } from '../common/fields';
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

export const cross: CrossCheck<ShapeState> = (s) => {
  try {
    headDim(s.dModel, s.h);
    return null;
  } catch {
    const near = nearestDivisors(s.dModel, s.h);
    return { field: 'h', error: `d_model (${s.dModel}) is not divisible by h (${s.h}), so the heads cannot share it equally. Nearest valid h: ${near.join(' or ')}.` };
  }
};

export const FIELDS: readonly Field<ShapeState>[] = [
  textField('B', 'b', checkB),
  textField('n', 'n', checkN),
  textField('dModel', 'dmodel', checkDModel),
  textField('h', 'h', checkH),
];
