/**
 * State of the text-heads widget (lesson 10): the text the reader typed, the head drawn
 * large and which heads are switched on (ξ per head), and the fields that show and check
 * them. Plain, serialisable, validated here; no DOM. The bounds are the text model's
 * settings (TEXT_DEFAULTS, which the shipped checkpoint was trained with: a unit test checks).
 */
import { t } from '../../i18n/strings';
import { TEXT_ALPHABET, TEXT_DEFAULTS, outsideAlphabet } from '../../training/text';
import type { HeadMask } from '../../training';
import { defineFields, fieldKit, optionsOf, type FieldName } from '../common/fields';
import { checkChoice, clip, type Checked } from '../common/validate';
import { formatMask, maskCheck, toggled } from '../common/mask';

export interface TextHeadsState {
  /** What the reader typed (the model reads it lower-cased). */
  text: string;
  /** Layer of the head drawn large, from 1. */
  layer: number;
  /** Head within the layer, from 1. */
  head: number;
  /** ξ[layer][head]: 1 on, 0 switched off. */
  mask: HeadMask;
}

const model = TEXT_DEFAULTS.model;

/** What the widget accepts: the text model's context, layers and heads. */
export const LIMITS = { minChars: 2, maxChars: model.seqLen, layers: model.layers, heads: model.h } as const;

/**
 * Starts on a sentence that repeats, with layer 2, head 3 drawn: the shipped model's
 * induction head (a unit test checks it against content/lab/text/results.json). Its map
 * shows the stripe that induction draws: on the second copy, each query looks at the
 * character just after the earlier occurrence of its own character.
 */
export const DEFAULT_STATE: Readonly<TextHeadsState> = Object.freeze({
  text: 'the quick brown fox jumps. the quick brown fox jumps.',
  layer: 2,
  head: 3,
  mask: [[1, 1, 1, 1], [1, 1, 1, 1]],
});

/**
 * Check typed text: 2 to seqLen characters of the model's alphabet (upper case is read as
 * lower case). The message names the characters the model does not know.
 */
export function checkText(text: string): Checked<string> {
  if (text.length === 0) return { ok: false, error: `Type at least ${LIMITS.minChars} characters: the model predicts each character from the ones before it.` };
  const bad = outsideAlphabet(text);
  if (bad.length) {
    const shown = bad.slice(0, 5).map((c) => `“${clip(c, 4)}”`).join(', ') + (bad.length > 5 ? ` and ${bad.length - 5} more` : '');
    return { ok: false, error: `${shown} ${bad.length === 1 ? 'is' : 'are'} not in the model's alphabet: it knows lower-case letters (capitals are read as lower case), digits, the space and ${TEXT_ALPHABET.slice(37).split('').join(' ')}.` };
  }
  if (text.length < LIMITS.minChars) return { ok: false, error: `Type at least ${LIMITS.minChars} characters: with one, there is nothing to predict.` };
  if (text.length > LIMITS.maxChars) return { ok: false, error: `At most ${LIMITS.maxChars} characters (this text has ${text.length}): the model was trained on windows of ${LIMITS.maxChars} and has no position beyond.` };
  return { ok: true, value: text };
}




/** Check a mask of the text model's shape (the link form of common/mask.ts). */
export const checkMask = maskCheck({ layers: LIMITS.layers, h: LIMITS.heads }, [[1, 1, 0, 1], [1, 1, 1, 1]]);

export { formatMask, toggled };

const f = fieldKit<TextHeadsState>();
const count = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const s = t.textHeads;

/** The widget's fields, in order: its controls and its URL parameters. The mask's switches are drawn by the widget (a custom field). */
export const FIELDS = defineFields('text-heads', DEFAULT_STATE, [
  { name: 'text', kind: 'text', label: s.text, hint: s.textHint(LIMITS.minChars, LIMITS.maxChars), wide: true, ...f.bind('text', checkText, (v) => v) },
  { name: 'layer', kind: 'select', label: s.layer, options: optionsOf(count(LIMITS.layers)), ...f.bind('layer', checkChoice('layer', LIMITS.layers)) },
  { name: 'head', kind: 'select', label: s.head, options: optionsOf(count(LIMITS.heads)), ...f.bind('head', checkChoice('head', LIMITS.heads)) },
  { name: 'heads', kind: 'custom', label: s.switchesLabel, ...f.bind('mask', checkMask, formatMask) },
]);

/** A field name of this widget. */
export type TextHeadsField = FieldName<typeof FIELDS>;
