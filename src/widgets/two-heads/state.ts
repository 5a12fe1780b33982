/** State of lesson 2's "one head or two" widget: a letter sequence and the sharpness β, and its fields. */
import { TWO_RELATIONS_LETTERS, TWO_RELATIONS_MAX_N } from '../../attention/demos';
import { t } from '../../i18n/strings';
import { defineFields, fieldKit, type FieldName } from '../common/fields';
import { clip, parseDecimal, type Checked } from '../common/validate';

export interface TwoHeadsState {
  /** Letters a–f separated by spaces, 2 to 10 of them. */
  sequence: string;
  /** Scaled score of each wanted position (others score 0). */
  beta: number;
}

export const LIMITS = { minTokens: 2, maxTokens: TWO_RELATIONS_MAX_N, maxBeta: 20 } as const;

export const DEFAULT_STATE: Readonly<TwoHeadsState> = Object.freeze({ sequence: 'c a b d a e f b', beta: 6 });
export const LARGEST_STATE: Readonly<TwoHeadsState> = Object.freeze({ sequence: 'a b c d e f a b c d', beta: 20 });

/** Letters typed with or without spaces ("c a b" or "cab"), in a–f. */
export function checkSequence(text: string): Checked<string> {
  const trimmed = text.trim().toLowerCase();
  const tokens = /\s/.test(trimmed) ? trimmed.split(/\s+/) : trimmed.split('');
  if (trimmed === '') return { ok: false, error: `Type ${LIMITS.minTokens} to ${LIMITS.maxTokens} letters from a to f, such as “c a b d”.` };
  const bad = tokens.find((t) => t.length !== 1 || !TWO_RELATIONS_LETTERS.includes(t));
  if (bad !== undefined) return { ok: false, error: `“${clip(bad)}” is not one of the letters a, b, c, d, e, f. Type letters a–f separated by spaces.` };
  if (tokens.length < LIMITS.minTokens) return { ok: false, error: `Type at least ${LIMITS.minTokens} letters: with one, there is no previous token.` };
  if (tokens.length > LIMITS.maxTokens) return { ok: false, error: `That is ${tokens.length} letters; this widget takes at most ${LIMITS.maxTokens}. Remove ${tokens.length - LIMITS.maxTokens}.` };
  return { ok: true, value: tokens.join(' ') };
}

/** Check a typed sharpness β: a decimal from 0 to 20. */
export function checkBeta(text: string): Checked<number> {
  return parseDecimal(text, { name: 'sharpness', min: 0, max: LIMITS.maxBeta });
}

const f = fieldKit<TwoHeadsState>();

/** The widget's fields, in order: its controls and its URL parameters. */
export const FIELDS = defineFields('one-vs-two-heads', DEFAULT_STATE, [
  {
    name: 'sequence', kind: 'text', label: t.heads.sequence, wide: true,
    hint: t.heads.sequenceHint(LIMITS.minTokens, LIMITS.maxTokens, `${TWO_RELATIONS_LETTERS[0]}–${TWO_RELATIONS_LETTERS.at(-1)}`),
    ...f.bind('sequence', checkSequence, (v) => v),
  },
  { name: 'beta', kind: 'number', label: t.heads.beta, hint: t.heads.betaHint(LIMITS.maxBeta), ...f.bind('beta', checkBeta) },
]);

/** A field name of this widget. */
export type TwoHeadsField = FieldName<typeof FIELDS>;
